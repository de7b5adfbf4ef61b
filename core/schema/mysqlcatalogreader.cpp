#include "core/schema/mysqlcatalogreader.h"

#include "core/driver/rowsink.h"

#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

namespace {

// Each row of a streamed result to a function, as it comes.
class ColumnRows final : public RowSink
{
public:
    explicit ColumnRows(std::function<void(const CellView *)> take)
        : m_take(std::move(take))
    {
    }
    bool begin(const Columns &) override { return true; }
    bool row(const CellView *cells) override
    {
        m_take(cells);
        return true;
    }

private:
    std::function<void(const CellView *)> m_take;
};

// COLUMN_NAME's position in the columns' query.
constexpr int kColumnName = 2;

QString textOrNull(const QVariant &value)
{
    return value.isNull() ? QString() : value.toString();
}

// Rows of one index or constraint may be interleaved with another table's
// when names differ only in case (the server sorts case-insensitively), so
// parts are matched by name rather than by "the previous row".
template<typename T>
T &entryNamed(QVector<T> &entries, const QString &name, bool *created)
{
    for (T &entry : entries) {
        if (entry.name == name) {
            *created = false;
            return entry;
        }
    }
    T entry;
    entry.name = name;
    entries << entry;
    *created = true;
    return entries.last();
}

} // namespace

MysqlCatalogReader::MysqlCatalogReader(QSqlDatabase &database, std::function<bool()> cancelled)
    : CatalogReader(Dialect::MySQL, database, std::move(cancelled))
{
}

QString MysqlCatalogReader::literal(const QString &text) const
{
    QString escaped = text;
    if (!m_noBackslashEscapes)
        escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

bool MysqlCatalogReader::readCatalog(const QStringList &schemas)
{
    m_databases.clear();
    if (!readDatabases(schemas))
        return false;
    if (m_databases.isEmpty())
        return true;
    // Indexes before columns: the InnoDB dictionary they may come from is let
    // go before the largest result, the columns, is read.
    if (!readTables() || !readIndexes() || !readColumns() || !readForeignKeys())
        return false;
    markPrimaryKeysFromIndexes();
    return true;
}

bool MysqlCatalogReader::readDatabases(const QStringList &schemas)
{
    QString current;
    {
        QSqlQuery query(database());
        if (!exec(query, QStringLiteral("SELECT DATABASE(), VERSION(), @@SESSION.sql_mode")))
            return false;
        if (query.next()) {
            current = textOrNull(query.value(0));
            m_mariadb = query.value(1).toString().contains(QLatin1String("MariaDB"));
            m_noBackslashEscapes =
                query.value(2).toString().contains(QLatin1String("NO_BACKSLASH_ESCAPES"));
        }
    }
    m_schema.defaultSchema = current;
    QString filter;
    if (!schemas.isEmpty() || !current.isEmpty()) {
        QStringList names;
        for (const QString &name : schemas.isEmpty() ? QStringList{current} : schemas)
            names << literal(name);
        filter = QStringLiteral("IN (%1)").arg(names.join(QLatin1String(", ")));
    } else {
        // No database chosen in the URL: every database that is not the server's own.
        filter =
            QStringLiteral("NOT IN ('information_schema', 'mysql', 'performance_schema', 'sys')");
    }
    QSqlQuery query(database());
    if (!exec(query, QStringLiteral("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA "
                                    "WHERE SCHEMA_NAME %1")
                         .arg(filter)))
        return false;
    QStringList found;
    while (query.next()) {
        const QString name = query.value(0).toString();
        m_schema.schemaNames << name;
        found << literal(name);
    }
    m_databases = found.join(QLatin1String(", "));
    return true;
}

bool MysqlCatalogReader::readTables()
{
    m_dictionary = InnodbDictionary();
    QSet<QPair<QString, QString>> unsure; // tables the dictionary does not know
    // The dictionary tells InnoDB's base tables and their indexes without
    // opening each table's definition; the rest is asked of information_schema.
    m_fromDictionary =
        m_mariadb && !isCancelled() && m_dictionary.read(database(), m_databases, native());
    QStringList withViews; // literals of the databases that have views
    if (m_fromDictionary) {
        QSqlQuery query(database());
        if (!exec(query, QStringLiteral("SELECT TABLE_SCHEMA, TABLE_NAME "
                                        "FROM information_schema.TABLES "
                                        "WHERE TABLE_SCHEMA IN (%1)")
                             .arg(m_databases)))
            return false;
        while (query.next()) {
            const QString schemaName = query.value(0).toString();
            const QString name = query.value(1).toString();
            if (m_dictionary.indexesOf(schemaName, name))
                addTable(schemaName, name, SchemaTable::Kind::Table);
            else
                unsure.insert({schemaName, name});
        }
    }
    if ((!m_fromDictionary || !unsure.isEmpty()) && !readTableTypes(unsure, &withViews))
        return false;
    // The server reads every table's definition for VIEWS (0.4 s over 10,000
    // tables), so only the databases that have views are asked.
    if (withViews.isEmpty())
        return true;
    QSqlQuery query(database());
    if (!exec(query, QStringLiteral("SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION "
                                    "FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN (%1)")
                         .arg(withViews.join(QLatin1String(", ")))))
        return false;
    while (query.next()) {
        if (SchemaTable *view = table(query.value(0).toString(), query.value(1).toString()))
            view->definition = query.value(2).toString();
    }
    return true;
}

bool MysqlCatalogReader::readTableTypes(const QSet<QPair<QString, QString>> &unsure,
                                        QStringList *withViews)
{
    QSqlQuery query(database());
    if (!exec(query, QStringLiteral("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE "
                                    "FROM information_schema.TABLES "
                                    "WHERE TABLE_SCHEMA IN (%1)%2")
                         .arg(m_databases, unsureOnly(unsure))))
        return false;
    while (query.next()) {
        const QString schemaName = query.value(0).toString();
        const QString name = query.value(1).toString();
        if (m_fromDictionary && !unsure.contains({schemaName, name}))
            continue; // the dictionary's, or another database's of the same name
        const QString type = query.value(2).toString();
        if (type == QLatin1String("SEQUENCE")) // MariaDB's sequences are not tables to browse
            continue;
        const bool view = type == QLatin1String("VIEW");
        addTable(schemaName, name, view ? SchemaTable::Kind::View : SchemaTable::Kind::Table);
        if (view && !withViews->contains(literal(schemaName)))
            *withViews << literal(schemaName);
    }
    return true;
}

QString MysqlCatalogReader::unsureOnly(const QSet<QPair<QString, QString>> &tables) const
{
    // The server opens only the tables whose names pass; a very long list
    // would cost more to compare than the few opens it saves.
    if (!m_fromDictionary || tables.isEmpty() || tables.size() > 2000)
        return QString();
    QSet<QString> names;
    for (const auto &table : tables)
        names.insert(literal(table.second));
    return QStringLiteral(" AND TABLE_NAME IN (%1)")
        .arg(QStringList(names.cbegin(), names.cend()).join(QLatin1String(", ")));
}

QString MysqlCatalogReader::columnDefault(const QVariant &value, const QString &extra) const
{
    if (value.isNull())
        return QString();
    const QString text = value.toString();
    // MariaDB says NULL for "no default" on nullable columns, and quotes literals itself.
    if (text == QLatin1String("NULL"))
        return QString();
    if (m_mariadb || extra.contains(QLatin1String("DEFAULT_GENERATED")))
        return text;
    // MySQL gives literals bare; quote them so they read like the DDL.
    static const QRegularExpression number(QStringLiteral("^-?[0-9]+(\\.[0-9]+)?$"));
    if (number.match(text).hasMatch() ||
        text.startsWith(QLatin1String("CURRENT_TIMESTAMP"), Qt::CaseInsensitive))
        return text;
    QString escaped = text;
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

bool MysqlCatalogReader::readColumns()
{
    const QString sql =
        QStringLiteral("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, "
                       "COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, GENERATION_EXPRESSION "
                       "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (%1)")
            .arg(m_databases);
    // The largest result of a catalog (100,000 rows over 10,000 tables): Qt's
    // driver keeps it whole before the first row and makes a QVariant of
    // every value; the native client hands each row over as it comes.
    if (native()) {
        QByteArray lastSchema, lastName;
        SchemaTable *table = nullptr;
        ColumnRows rows([&](const CellView *cells) {
            const QByteArrayView schemaName(cells[0].data, cells[0].size);
            const QByteArrayView name(cells[1].data, cells[1].size);
            // A table's columns come together: one look-up for all of them.
            if (!table || schemaName != lastSchema || name != lastName) {
                lastSchema = schemaName.toByteArray();
                lastName = name.toByteArray();
                table = this->table(cells[0].text(), cells[1].text());
            }
            // Names are mostly the table's own; the rest repeats.
            if (table)
                addColumn(table, [this, cells](int i) {
                    const CellView &cell = cells[i];
                    if (cell.isNull())
                        return QVariant();
                    return QVariant(i == kColumnName ? cell.text() : sharedText(cell));
                });
        });
        const bool read = stream(sql, rows);
        m_texts = QHash<QByteArray, QString>();
        return read;
    }
    QSqlQuery query(database());
    if (!exec(query, sql))
        return false;
    while (query.next()) {
        if (SchemaTable *table = this->table(query.value(0).toString(), query.value(1).toString()))
            addColumn(table, [&query](int i) { return query.value(i); });
    }
    return true;
}

QString MysqlCatalogReader::sharedText(const CellView &cell)
{
    // Looked up over the row's own bytes; copied only when new.
    const auto found = m_texts.constFind(QByteArray::fromRawData(cell.data, cell.size));
    if (found != m_texts.constEnd())
        return *found;
    const QString text = cell.text();
    m_texts.insert(QByteArray(cell.data, cell.size), text);
    return text;
}

void MysqlCatalogReader::addColumn(SchemaTable *table, const std::function<QVariant(int)> &value)
{
    const QString extra = value(7).toString();
    const QString generated = textOrNull(value(8));
    SchemaColumn column;
    column.name = value(kColumnName).toString();
    column.ordinal = value(3).toInt();
    column.type = value(4).toString();
    column.nullable = value(5).toString() == QLatin1String("YES");
    column.autoIncrement = extra.contains(QLatin1String("auto_increment"), Qt::CaseInsensitive);
    column.computed = !generated.isEmpty();
    // A view's columns report their base columns' defaults, which the view does not apply.
    if (column.computed)
        column.defaultValue = generated;
    else if (!table->isView())
        column.defaultValue = columnDefault(value(6), extra);
    table->columns << column;
}

bool MysqlCatalogReader::readIndexes()
{
    QSet<QPair<QString, QString>> asked; // with m_fromDictionary: the tables it does not know
    if (m_fromDictionary) {
        for (SchemaTable &table : m_schema.tables) {
            if (const QVector<SchemaIndex> *indexes =
                    m_dictionary.indexesOf(table.schema, table.name))
                table.indexes = *indexes;
            else if (!table.isView())
                asked.insert({table.schema, table.name});
        }
        // The tables share the indexes they took; the rest is not needed again.
        m_dictionary = InnodbDictionary();
        if (asked.isEmpty())
            return true;
    }
    QSqlQuery query(database());
    if (!exec(query, QStringLiteral("SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, "
                                    "COLUMN_NAME FROM information_schema.STATISTICS "
                                    "WHERE TABLE_SCHEMA IN (%1)%2 "
                                    "ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")
                         .arg(m_databases, unsureOnly(asked))))
        return false;
    while (query.next()) {
        const QString schemaName = query.value(0).toString();
        const QString name = query.value(1).toString();
        if (m_fromDictionary && !asked.contains({schemaName, name}))
            continue;
        SchemaTable *table = this->table(schemaName, name);
        if (!table)
            continue;
        bool created = false;
        SchemaIndex &index = entryNamed(table->indexes, query.value(2).toString(), &created);
        if (created) {
            index.unique = query.value(3).toInt() == 0;
            index.primary = index.name == QLatin1String("PRIMARY");
        }
        // MySQL 8's functional key parts have no column name.
        const QString column = textOrNull(query.value(4));
        index.columns << (column.isNull() ? QStringLiteral("(expression)") : column);
    }
    return true;
}

bool MysqlCatalogReader::readForeignKeys()
{
    // MariaDB's KEY_COLUMN_USAGE and REFERENTIAL_CONSTRAINTS open every table
    // of the databases (over 10,000 tables, two seconds and more each); InnoDB's
    // own dictionary answers at once, but only to users with the PROCESS
    // privilege, so the views stay for everyone else and for MySQL.
    if (m_mariadb && !isCancelled() && readInnodbForeignKeys()) // cancelled: exec() says so
        return true;
    return readForeignKeysFromViews();
}

bool MysqlCatalogReader::readInnodbForeignKeys()
{
    // Database and table names are kept in the file name encoding
    // ("p@0020@8868" for "p 表") as database/table; the server decodes them
    // (the '/' would not survive, so each part on its own). The constraint's
    // own name after the '/' is plain text. The columns are read apart and
    // matched here: joined, the server compares every pair of rows.
    const auto decoded = &InnodbDictionary::decodedName;
    QHash<QString, QVector<QPair<QString, QString>>> columns; // ID -> (column, referenced), by POS
    {
        QSqlQuery query(database());
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT ID, FOR_COL_NAME, REF_COL_NAME "
                                       "FROM information_schema.INNODB_SYS_FOREIGN_COLS "
                                       "ORDER BY ID, POS")))
            return false;
        while (query.next())
            columns[query.value(0).toString()].append(
                {query.value(1).toString(), query.value(2).toString()});
    }
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("SELECT %1, %2, SUBSTRING(ID, LOCATE('/', ID) + 1), %3, %4, TYPE, ID "
                           "FROM information_schema.INNODB_SYS_FOREIGN")
                .arg(decoded(QStringLiteral("SUBSTRING_INDEX(FOR_NAME, '/', 1)")),
                     decoded(QStringLiteral("SUBSTRING(FOR_NAME, LOCATE('/', FOR_NAME) + 1)")),
                     decoded(QStringLiteral("SUBSTRING_INDEX(REF_NAME, '/', 1)")),
                     decoded(QStringLiteral("SUBSTRING(REF_NAME, LOCATE('/', REF_NAME) + 1)")))))
        return false;
    // InnoDB's flags (dict0mem.h); no flag for an action is RESTRICT.
    const auto rule = [](int type, int cascade, int setNull, int noAction) {
        if (type & cascade)
            return QStringLiteral("CASCADE");
        if (type & setNull)
            return QStringLiteral("SET NULL");
        return type & noAction ? QStringLiteral("NO ACTION") : QStringLiteral("RESTRICT");
    };
    while (query.next()) {
        SchemaTable *table = this->table(query.value(0).toString(), query.value(1).toString());
        if (!table)
            continue; // another database's
        SchemaForeignKey foreignKey;
        foreignKey.name = query.value(2).toString();
        foreignKey.referencedSchema = query.value(3).toString();
        foreignKey.referencedTable = query.value(4).toString();
        const int type = query.value(5).toInt();
        foreignKey.onDelete = rule(type, 1, 2, 16);
        foreignKey.onUpdate = rule(type, 4, 8, 32);
        for (const auto &[column, referenced] : columns.value(query.value(6).toString())) {
            foreignKey.columns << column;
            foreignKey.referencedColumns << referenced;
        }
        table->foreignKeys << foreignKey;
    }
    return true;
}

bool MysqlCatalogReader::readForeignKeysFromViews()
{
    // The two views are read apart and matched here: the server plans joins of
    // information_schema views poorly.
    QHash<QString, QPair<QString, QString>> rules; // schema \n table \n name -> update, delete
    const auto key = [](const QString &schemaName, const QString &tableName, const QString &name) {
        return schemaName + QLatin1Char('\n') + tableName + QLatin1Char('\n') + name;
    };
    {
        QSqlQuery query(database());
        if (!exec(query, QStringLiteral("SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, "
                                        "UPDATE_RULE, DELETE_RULE "
                                        "FROM information_schema.REFERENTIAL_CONSTRAINTS "
                                        "WHERE CONSTRAINT_SCHEMA IN (%1)")
                             .arg(m_databases)))
            return false;
        while (query.next()) {
            rules.insert(key(query.value(0).toString(), query.value(1).toString(),
                             query.value(2).toString()),
                         {query.value(3).toString(), query.value(4).toString()});
        }
    }
    QSqlQuery query(database());
    if (!exec(query, QStringLiteral("SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, "
                                    "COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, "
                                    "REFERENCED_COLUMN_NAME "
                                    "FROM information_schema.KEY_COLUMN_USAGE "
                                    "WHERE TABLE_SCHEMA IN (%1) "
                                    "AND REFERENCED_TABLE_NAME IS NOT NULL "
                                    "ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, "
                                    "ORDINAL_POSITION")
                         .arg(m_databases)))
        return false;
    while (query.next()) {
        SchemaTable *table = this->table(query.value(0).toString(), query.value(1).toString());
        if (!table)
            continue;
        bool created = false;
        SchemaForeignKey &foreignKey =
            entryNamed(table->foreignKeys, query.value(2).toString(), &created);
        if (created) {
            foreignKey.referencedSchema = query.value(4).toString();
            foreignKey.referencedTable = query.value(5).toString();
            const auto rule = rules.value(key(table->schema, table->name, foreignKey.name),
                                          {QStringLiteral("RESTRICT"), QStringLiteral("RESTRICT")});
            foreignKey.onUpdate = rule.first;
            foreignKey.onDelete = rule.second;
        }
        foreignKey.columns << query.value(3).toString();
        foreignKey.referencedColumns << query.value(6).toString();
    }
    return true;
}
