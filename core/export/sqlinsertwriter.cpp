#include "core/export/sqlinsertwriter.h"

#include <QStringList>

SqlInsertWriter::SqlInsertWriter(const ExportOptions &options, QIODevice *device)
    : ExportWriter(options, device)
    , m_dialect(options.sqlDialect)
{
}

void SqlInsertWriter::writeHeader(const Columns &columns)
{
    const QString table =
        options().sqlTable.isEmpty() ? QStringLiteral("exported") : options().sqlTable;
    QStringList names;
    m_modes.clear();
    for (const Column &column : columns) {
        names << dialects::quoteIdentifier(m_dialect, column.name);
        m_modes.append(column.kind == ColumnKind::Boolean ? Mode::Boolean
                       : column.isNumeric()               ? Mode::Number
                                                          : Mode::String);
    }
    m_prefix =
        QStringLiteral("INSERT INTO %1 (%2) VALUES (")
            .arg(dialects::quoteIdentifier(m_dialect, table), names.join(QLatin1String(", ")))
            .toUtf8();
}

void SqlInsertWriter::writeRow(const CellView *cells)
{
    put(m_prefix);
    const qsizetype count = m_modes.size();
    for (qsizetype i = 0; i < count; ++i) {
        if (i > 0)
            putLiteral(", ");
        const CellView &cell = cells[i];
        switch (cell.kind) {
        case CellKind::Null:
            putLiteral("NULL");
            break;
        case CellKind::Binary:
            putBinary(cell.data, cell.size);
            break;
        case CellKind::Text:
            switch (m_modes.at(i)) {
            case Mode::Number:
                if (isJsonNumber(cell.data, cell.size)) {
                    put(cell.data, cell.size);
                    continue;
                }
                break;
            case Mode::Boolean: {
                const int value = booleanValue(cell.data, cell.size);
                if (value >= 0) {
                    if (m_dialect != Dialect::PostgreSQL)
                        put(value ? '1' : '0');
                    else if (value)
                        putLiteral("TRUE");
                    else
                        putLiteral("FALSE");
                    continue;
                }
                break;
            }
            case Mode::String:
                break;
            }
            putString(cell.data, cell.size);
            break;
        }
    }
    putLiteral(");\n");
}

void SqlInsertWriter::putString(const char *data, qsizetype size)
{
    const bool mysql = m_dialect == Dialect::MySQL;
    put('\'');
    const char *const end = data + size;
    const char *run = data;
    for (const char *p = data; p < end; ++p) {
        const char c = *p;
        if (Q_LIKELY(c != '\'' && (!mysql || (c != '\\' && c != '\0'))))
            continue;
        put(run, p - run);
        if (c == '\'')
            putLiteral("''");
        else if (c == '\\')
            putLiteral("\\\\");
        else
            putLiteral("\\0");
        run = p + 1;
    }
    put(run, end - run);
    put('\'');
}

void SqlInsertWriter::putBinary(const char *data, qsizetype size)
{
    if (m_dialect == Dialect::PostgreSQL) {
        putLiteral("decode('");
        putHex(data, size);
        putLiteral("', 'hex')");
    } else {
        putLiteral("X'");
        putHex(data, size);
        put('\'');
    }
}
