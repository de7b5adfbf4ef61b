#pragma once

#include <QCoreApplication>
#include <QString>

// What one box of a table tab's filter row asks for, read from what was typed:
//   abc        the value, as text, contains abc (case-insensitive)
//   =abc       equals abc            !=abc, <>abc  does not
//   <5 <=5 >5 >=5                    compared as the column's type
//   1..10      between 1 and 10, both included
//   NULL       is NULL               NOT NULL, !NULL  is not NULL
//   ~a..b      contains a..b (a leading ~ takes the rest as text)
// TableQuery turns it into a condition with parameters, never into SQL text.
struct ColumnFilter
{
    Q_DECLARE_TR_FUNCTIONS(ColumnFilter)

public:
    enum class Op {
        None,
        Contains,
        Equals,
        NotEquals,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        Between,
        IsNull,
        IsNotNull
    };

    Op op = Op::None;
    QString value;
    QString upTo; // Between's upper bound
    // Why the text is not a filter; op is None then.
    QString error;

    bool isActive() const { return op != Op::None; }
    // Whether value (and upTo) are compared as the column's type.
    bool comparesValues() const
    {
        return op != Op::None && op != Op::Contains && op != Op::IsNull && op != Op::IsNotNull;
    }

    static ColumnFilter parse(const QString &text);
    // The syntax in one line, for a tooltip.
    static QString help();
};
