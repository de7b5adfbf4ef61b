#include "core/import/columnguesser.h"

#include "core/import/valuechecker.h"

#include <QRegularExpression>

void ColumnGuesser::add(const CellView &value)
{
    if (value.isNull())
        return;
    m_any = true;
    const char *data = value.data;
    const qsizetype size = value.size;
    // Leading zeros ("007") are codes, not numbers: keep them as written.
    const bool leadingZero = size > 1 && data[0] == '0' && data[1] != '.';
    m_integer = m_integer && !leadingZero && ValueChecker::isInteger(data, size);
    const bool number = !leadingZero && ValueChecker::isNumber(data, size) &&
                        std::isdigit(static_cast<unsigned char>(data[size - 1]));
    m_number = m_number && number;
    if (number) {
        const QByteArray text = QByteArray::fromRawData(data, size);
        const qsizetype exponent = text.indexOf('e') >= 0 ? text.indexOf('e') : text.indexOf('E');
        m_exponent = m_exponent || exponent >= 0;
        const QByteArray mantissa = exponent >= 0 ? text.left(exponent) : text;
        const qsizetype point = mantissa.indexOf('.');
        const qsizetype sign = mantissa.startsWith('-') || mantissa.startsWith('+') ? 1 : 0;
        const int whole = int((point >= 0 ? point : mantissa.size()) - sign);
        m_intDigits = qMax(m_intDigits, whole);
        if (point >= 0)
            m_scale = qMax(m_scale, int(mantissa.size() - point - 1));
    }
    const QByteArray lower = QByteArray::fromRawData(data, size).toLower();
    m_boolean = m_boolean && (lower == "true" || lower == "false" || lower == "t" || lower == "f");
    static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    static const QRegularExpression dateTime(QStringLiteral(
        "^\\d{4}-\\d{2}-\\d{2}[ "
        "T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.(\\d{1,6}))?)?(Z|[+-]\\d{2}(?::?\\d{2})?)?$"));
    const QString text = value.text();
    m_date = m_date && date.match(text).hasMatch();
    if (m_dateTime) {
        const QRegularExpressionMatch match = dateTime.match(text);
        m_dateTime = match.hasMatch();
        m_fraction = qMax(m_fraction, int(match.captured(1).size()));
        m_zone = m_zone || !match.captured(2).isEmpty();
    }
    m_bytes = m_bytes && ValueChecker::isHexBytes(data, size);
}

ColumnKind ColumnGuesser::kind() const
{
    if (!m_any)
        return ColumnKind::Text;
    if (m_integer)
        return ColumnKind::Integer;
    if (m_number)
        return m_exponent ? ColumnKind::Real : ColumnKind::Decimal;
    if (m_boolean)
        return ColumnKind::Boolean;
    if (m_date)
        return ColumnKind::Date;
    if (m_dateTime)
        return ColumnKind::DateTime;
    if (m_bytes)
        return ColumnKind::Binary;
    return ColumnKind::Text;
}

QString ColumnGuesser::typeName(Dialect dialect) const
{
    const bool pg = dialect == Dialect::PostgreSQL;
    const bool my = dialect == Dialect::MySQL;
    switch (kind()) {
    case ColumnKind::Integer:
        return pg || my ? QStringLiteral("BIGINT") : QStringLiteral("INTEGER");
    case ColumnKind::Decimal:
        // The precision and scale the values were written with, so they come back as written.
        if (my)
            return QStringLiteral("DECIMAL(%1,%2)")
                .arg(qMin(65, m_intDigits + m_scale))
                .arg(qMin(30, m_scale));
        // SQLite's NUMERIC would turn 10.0 into 10: REAL keeps what it was given.
        return pg ? QStringLiteral("NUMERIC") : QStringLiteral("REAL");
    case ColumnKind::Real:
        return pg   ? QStringLiteral("DOUBLE PRECISION")
               : my ? QStringLiteral("DOUBLE")
                    : QStringLiteral("REAL");
    case ColumnKind::Boolean:
        return pg ? QStringLiteral("BOOLEAN") : QStringLiteral("TEXT");
    case ColumnKind::Date:
        return QStringLiteral("DATE");
    case ColumnKind::DateTime:
        if (pg)
            return m_zone ? QStringLiteral("TIMESTAMPTZ") : QStringLiteral("TIMESTAMP");
        if (my)
            return m_zone ? QStringLiteral("VARCHAR(64)")
                          : QStringLiteral("DATETIME(%1)").arg(m_fraction);
        return QStringLiteral("TEXT");
    case ColumnKind::Binary:
        return pg   ? QStringLiteral("BYTEA")
               : my ? QStringLiteral("LONGBLOB")
                    : QStringLiteral("BLOB");
    default:
        break;
    }
    return my ? QStringLiteral("LONGTEXT") : QStringLiteral("TEXT");
}
