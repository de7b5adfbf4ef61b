#pragma once

#include <QString>
#include <QtGlobal>

#include <vector>

// A value read from a Python literal (or a JSON document): what
// ast.literal_eval() would give, plus NotLiteral for an expression that only
// running the code could evaluate. Each value remembers where it starts so that
// messages can point at it.
struct PythonValue
{
    enum class Kind { None, Bool, Int, Float, String, Bytes, List, Tuple, Set, Dict, NotLiteral };

    Kind kind = Kind::None;
    bool boolean = false;
    qint64 integer = 0; // clamped to the qint64 range
    double number = 0.0;
    // String and Bytes: the decoded text (bytes as Latin-1). NotLiteral: a short
    // description of the expression with string contents elided, so it can be
    // shown without leaking a password.
    QString text;
    std::vector<PythonValue> items; // List, Tuple, Set elements; Dict values
    std::vector<PythonValue> keys;  // Dict keys, parallel to items
    int line = 0;
    int column = 0;

    bool isString() const { return kind == Kind::String; }
    bool isNumber() const { return kind == Kind::Int || kind == Kind::Float; }
    double toDouble() const { return kind == Kind::Int ? double(integer) : number; }
    // Python's name for the type, for messages: "str", "int", "dict", ...
    QString typeName() const;
};
