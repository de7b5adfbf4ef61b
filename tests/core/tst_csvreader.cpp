// Reading CSV for import, and guessing and checking column types, without a
// database: the shapes files come in, chunk edges, and what counts as a number.
#include "core/import/columnguesser.h"
#include "core/import/csvreader.h"
#include "core/import/valuechecker.h"

#include <QBuffer>
#include <QTest>

#include <optional>

using Record = QList<std::optional<QString>>;

namespace {

// Every record of bytes, NULL as nullopt; *lines gets each record's first line.
QList<Record> readAll(const QByteArray &bytes, char delimiter = ',',
                      std::optional<QByteArray> nullText = std::nullopt,
                      QList<qint64> *lines = nullptr, QString *error = nullptr)
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, delimiter, nullText);
    QList<Record> records;
    while (reader.next()) {
        Record record;
        for (int i = 0; i < reader.fieldCount(); ++i)
            record << (reader.cells()[i].isNull() ? std::nullopt
                                                  : std::optional<QString>(reader.text(i)));
        records << record;
        if (lines)
            *lines << reader.line();
    }
    if (error)
        *error = reader.error();
    return records;
}

CellView cell(const QByteArray &bytes)
{
    CellView view;
    view.kind = CellKind::Text;
    view.data = bytes.constData();
    view.size = bytes.size();
    return view;
}

} // namespace

class TestCsvReader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shapes_data();
    void shapes();
    void nullText();
    void linesAndErrors();
    void chunkEdges();
    void guessedTypes_data();
    void guessedTypes();
    void checkedValues_data();
    void checkedValues();
};

void TestCsvReader::shapes_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<QList<Record>>("records");
    const std::optional<QString> null;
    QTest::newRow("plain") << QByteArray("a,b\n1,2\n") << ','
                           << QList<Record>{{"a", "b"}, {"1", "2"}};
    QTest::newRow("no final line break")
        << QByteArray("a,b\n1,2") << ',' << QList<Record>{{"a", "b"}, {"1", "2"}};
    QTest::newRow("crlf and blank lines")
        << QByteArray("a,b\r\n\r\n1,2\r\n\n") << ',' << QList<Record>{{"a", "b"}, {"1", "2"}};
    QTest::newRow("quotes") << QByteArray("\"x, y\",\"say \"\"hi\"\"\",\"\"\n") << ','
                            << QList<Record>{{"x, y", "say \"hi\"", ""}};
    QTest::newRow("null and empty")
        << QByteArray(",\"\",\n") << ',' << QList<Record>{{null, "", null}};
    QTest::newRow("breaks inside quotes") << QByteArray("\"a\nb\",\"c\r\nd\"\n2,3\n") << ','
                                          << QList<Record>{{"a\nb", "c\r\nd"}, {"2", "3"}};
    QTest::newRow("byte order mark")
        << QByteArray("\xEF\xBB\xBFid\n1\n") << ',' << QList<Record>{{"id"}, {"1"}};
    QTest::newRow("unicode") << QByteArray("名前,✓\n") << ',' << QList<Record>{{"名前", "✓"}};
    QTest::newRow("semicolons") << QByteArray("a;\"b;c\"\n") << ';' << QList<Record>{{"a", "b;c"}};
    QTest::newRow("tabs") << QByteArray("a\tb c\n") << '\t' << QList<Record>{{"a", "b c"}};
    QTest::newRow("spaces kept") << QByteArray(" a , b \n") << ',' << QList<Record>{{" a ", " b "}};
}

void TestCsvReader::shapes()
{
    QFETCH(QByteArray, csv);
    QFETCH(char, delimiter);
    QFETCH(QList<Record>, records);
    QString error;
    QCOMPARE(readAll(csv, delimiter, std::nullopt, nullptr, &error), records);
    QVERIFY(error.isEmpty());
}

void TestCsvReader::nullText()
{
    // With a null text, only that text is NULL; the empty field is an empty string.
    const std::optional<QString> null;
    QCOMPARE(readAll("\\N,,\"\\N\"\n", ',', QByteArray("\\N")), (QList<Record>{{null, "", "\\N"}}));
}

void TestCsvReader::linesAndErrors()
{
    QList<qint64> lines;
    QString error;
    readAll("h\n\"a\nb\nc\"\nx\n\ny\n", ',', std::nullopt, &lines, &error);
    QCOMPARE(lines, (QList<qint64>{1, 2, 5, 7}));
    QVERIFY(error.isEmpty());
    const QList<Record> records =
        readAll("a\nb\n\"never closed\nc\n", ',', std::nullopt, &lines, &error);
    QCOMPARE(records.size(), 2);
    QCOMPARE(error,
             QStringLiteral("line 3: a quoted field is not closed before the end of the file"));
}

void TestCsvReader::chunkEdges()
{
    // Fields, quotes and CRLFs across the reader's 1 MiB chunks.
    const QByteArray big(3 * 1024 * 1024 + 7, 'x');
    for (const qsizetype shift : {0, 1, 2, 3}) {
        QByteArray csv(1024 * 1024 - shift, 'p');
        csv += ",\"q\"\"uo\r\nted\"\r\n" + big + ",\"" + big + "\"\r\nend,1\r\n";
        const QList<Record> records = readAll(csv);
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(0).at(1), std::optional<QString>("q\"uo\r\nted"));
        QCOMPARE(records.at(1).at(0)->size(), big.size());
        QCOMPARE(records.at(1).at(1)->size(), big.size());
        QCOMPARE(records.at(2), (Record{"end", "1"}));
    }
}

void TestCsvReader::guessedTypes_data()
{
    QTest::addColumn<QList<QByteArray>>("values");
    QTest::addColumn<QString>("postgres");
    QTest::addColumn<QString>("mysql");
    QTest::addColumn<QString>("sqlite");
    QTest::newRow("integers") << QList<QByteArray>{"1", "-20", "+3"} << "BIGINT"
                              << "BIGINT"
                              << "INTEGER";
    QTest::newRow("leading zeros are codes") << QList<QByteArray>{"007", "12"} << "TEXT"
                                             << "LONGTEXT"
                                             << "TEXT";
    QTest::newRow("decimals") << QList<QByteArray>{"1.50", "-123.4", "7"} << "NUMERIC"
                              << "DECIMAL(5,2)"
                              << "REAL";
    QTest::newRow("exponents") << QList<QByteArray>{"1e3", "2.5"} << "DOUBLE PRECISION"
                               << "DOUBLE"
                               << "REAL";
    QTest::newRow("booleans") << QList<QByteArray>{"true", "f"} << "BOOLEAN"
                              << "TEXT"
                              << "TEXT";
    QTest::newRow("dates") << QList<QByteArray>{"2024-01-02"} << "DATE"
                           << "DATE"
                           << "DATE";
    QTest::newRow("timestamps") << QList<QByteArray>{"2024-01-02 03:04:05.25", "2024-01-02T03:04"}
                                << "TIMESTAMP"
                                << "DATETIME(2)"
                                << "TEXT";
    QTest::newRow("with zones") << QList<QByteArray>{"2024-01-02 03:04:05+02"} << "TIMESTAMPTZ"
                                << "VARCHAR(64)"
                                << "TEXT";
    QTest::newRow("bytes") << QList<QByteArray>{"\\x00ff", "\\x"} << "BYTEA"
                           << "LONGBLOB"
                           << "BLOB";
    QTest::newRow("mixed") << QList<QByteArray>{"1", "two"} << "TEXT"
                           << "LONGTEXT"
                           << "TEXT";
    QTest::newRow("nothing") << QList<QByteArray>{} << "TEXT"
                             << "LONGTEXT"
                             << "TEXT";
}

void TestCsvReader::guessedTypes()
{
    QFETCH(QList<QByteArray>, values);
    QFETCH(QString, postgres);
    QFETCH(QString, mysql);
    QFETCH(QString, sqlite);
    ColumnGuesser guesser;
    guesser.add(CellView{}); // NULLs say nothing
    for (const QByteArray &value : values)
        guesser.add(cell(value));
    QCOMPARE(guesser.typeName(Dialect::PostgreSQL), postgres);
    QCOMPARE(guesser.typeName(Dialect::MySQL), mysql);
    QCOMPARE(guesser.typeName(Dialect::SQLite), sqlite);
}

void TestCsvReader::checkedValues_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("ok");
    const int integer = int(ColumnKind::Integer);
    const int decimal = int(ColumnKind::Decimal);
    const int boolean = int(ColumnKind::Boolean);
    QTest::newRow("integer") << integer << QByteArray("-42") << true;
    QTest::newRow("integer with a point") << integer << QByteArray("4.2") << false;
    QTest::newRow("integer too long") << integer << QByteArray("12345678901234567890") << false;
    QTest::newRow("empty integer") << integer << QByteArray("") << false;
    QTest::newRow("decimal") << decimal << QByteArray(".5") << true;
    QTest::newRow("exponent") << decimal << QByteArray("-1.5E-3") << true;
    QTest::newRow("NaN") << decimal << QByteArray("NaN") << true;
    QTest::newRow("words") << decimal << QByteArray("12 apples") << false;
    QTest::newRow("lone point") << decimal << QByteArray(".") << false;
    QTest::newRow("boolean") << boolean << QByteArray("Yes") << true;
    QTest::newRow("not boolean") << boolean << QByteArray("maybe") << false;
    QTest::newRow("text takes all") << int(ColumnKind::Text) << QByteArray("anything") << true;
}

void TestCsvReader::checkedValues()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QCOMPARE(ValueChecker::problem(ColumnKind(kind), cell(value)).isEmpty(), ok);
    QVERIFY(ValueChecker::problem(ColumnKind(kind), CellView{}).isEmpty()); // NULL fits all
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
