#pragma once

#include <QString>
#include <QStringView>

// The escapes inside a Python (or JSON) string literal, for PythonLiteralParser.
namespace pythonstringescapes {

// The value of a hexadecimal digit, -1 for another character.
int hexValue(QChar c);

// Unsupported: valid Python that poolscope cannot decode (\N{name}).
enum class Decoded { Ok, Unsupported, Bad };

// Python's (or JSON's) escapes in the body of a string that is not raw, into
// *out; Bad with *error for a broken escape. bytes: a b'' literal.
Decoded unescape(QStringView body, bool bytes, bool json, QString *out, QString *error);

} // namespace pythonstringescapes
