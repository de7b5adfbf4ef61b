// PostgresBinaryCsv reads binary COPY however libpq splits it into messages,
// stops when its sink says so and refuses data that is not binary COPY. (That
// its CSV is the server's own, value for value, tst_postgrescsvcopy shows
// against a real server.)
#include "core/driver/csvlinesink.h"
#include "core/driver/postgresbinarycsv.h"

#include <QTest>

namespace {

constexpr unsigned int kInt4 = 23;
constexpr unsigned int kText = 25;

// Keeps the lines; wants no more after stopAfter of them (0: never stops).
class Lines final : public CsvLineSink
{
public:
    explicit Lines(int stopAfter = 0)
        : m_stopAfter(stopAfter)
    {
    }
    bool csvBegin() override { return true; }
    bool csvLine(const char *data, qsizetype size, bool) override
    {
        lines.append(QByteArray(data, size));
        return m_stopAfter == 0 || lines.size() < m_stopAfter;
    }
    QByteArrayList lines;

private:
    int m_stopAfter;
};

void putBigEndian(QByteArray &out, quint64 value, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        out.append(char(value >> (8 * i) & 0xff));
}

QByteArray header()
{
    QByteArray out("PGCOPY\n\xff\r\n\0", 11);
    putBigEndian(out, 0, 4); // flags
    putBigEndian(out, 3, 4); // an extension the reader skips
    out.append("ext");
    return out;
}

// A row of (int4, text); a null optional is NULL.
QByteArray row(std::optional<qint32> number, std::optional<QByteArray> text)
{
    QByteArray out;
    putBigEndian(out, 2, 2);
    if (number) {
        putBigEndian(out, 4, 4);
        putBigEndian(out, quint32(*number), 4);
    } else {
        putBigEndian(out, quint32(-1), 4);
    }
    if (text) {
        putBigEndian(out, quint32(text->size()), 4);
        out.append(*text);
    } else {
        putBigEndian(out, quint32(-1), 4);
    }
    return out;
}

QByteArray trailer()
{
    QByteArray out;
    putBigEndian(out, 0xffff, 2);
    return out;
}

PostgresBinaryCsv reader()
{
    return PostgresBinaryCsv({kInt4, kText}, {"n", "t"});
}

} // namespace

class TestPostgresBinaryCsv final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anySplitGivesTheSameLines();
    void headerLineQuotesLikeCopy();
    void stopsWhenTheSinkSaysSo();
    void refusesWhatIsNotBinaryCopy_data();
    void refusesWhatIsNotBinaryCopy();
};

void TestPostgresBinaryCsv::anySplitGivesTheSameLines()
{
    const QByteArray stream = header() + row(-7, QByteArray("plain")) + row(std::nullopt, "") +
                              row(2147483647, QByteArray("say \"hi\", then\nleave")) +
                              row(0, std::nullopt) + trailer();
    const QByteArrayList expected = {"-7,plain\n", ",\"\"\n",
                                     "2147483647,\"say \"\"hi\"\", then\nleave\"\n", "0,\n"};
    // The server sends the header with the first row and each row on its
    // own; any other split must read the same.
    for (const int chunk : {int(stream.size()), 1, 2, 3, 5, 19, 22}) {
        PostgresBinaryCsv rows = reader();
        Lines lines;
        for (qsizetype at = 0; at < stream.size(); at += chunk) {
            const QByteArray part = stream.mid(at, chunk);
            QCOMPARE(rows.feed(part.constData(), int(part.size()), lines),
                     PostgresBinaryCsv::Outcome::More);
            QCOMPARE(rows.finished(), at + chunk >= stream.size());
        }
        QCOMPARE(lines.lines, expected);
        QCOMPARE(rows.rows(), qint64(expected.size()));
    }
}

void TestPostgresBinaryCsv::headerLineQuotesLikeCopy()
{
    QCOMPARE(PostgresBinaryCsv({kInt4, kText, kText}, {"id", "a,b", ""}).headerLine(),
             QByteArray("id,\"a,b\",\"\"\n"));
    // A lone \. in a one-column row would read as COPY's end of data.
    QCOMPARE(PostgresBinaryCsv({kText}, {"\\."}).headerLine(), QByteArray("\"\\.\"\n"));
    QCOMPARE(PostgresBinaryCsv({kText, kText}, {"\\.", "x"}).headerLine(), QByteArray("\\.,x\n"));
}

void TestPostgresBinaryCsv::stopsWhenTheSinkSaysSo()
{
    const QByteArray stream = header() + row(1, QByteArray("a")) + row(2, QByteArray("b")) +
                              row(3, QByteArray("c")) + trailer();
    PostgresBinaryCsv rows = reader();
    Lines lines(2);
    QCOMPARE(rows.feed(stream.constData(), int(stream.size()), lines),
             PostgresBinaryCsv::Outcome::Stopped);
    QCOMPARE(lines.lines, (QByteArrayList{"1,a\n", "2,b\n"}));
    QCOMPARE(rows.rows(), qint64(2));
}

void TestPostgresBinaryCsv::refusesWhatIsNotBinaryCopy_data()
{
    QTest::addColumn<QByteArray>("stream");
    QByteArray text = header();
    text[0] = 'p';
    QTest::newRow("not the signature") << text + row(1, QByteArray("a"));
    QByteArray withOids = header();
    withOids[12] = 1; // flag bit 16: rows carry OIDs
    QTest::newRow("rows with OIDs") << withOids + row(1, QByteArray("a"));
    QByteArray threeFields;
    putBigEndian(threeFields, 3, 2);
    QTest::newRow("other field count") << header() + threeFields;
    QByteArray shortInt;
    putBigEndian(shortInt, 2, 2);
    putBigEndian(shortInt, 2, 4);
    putBigEndian(shortInt, 7, 2);
    putBigEndian(shortInt, quint32(-1), 4);
    QTest::newRow("int4 of two bytes") << header() + shortInt;
    QByteArray negative;
    putBigEndian(negative, 2, 2);
    putBigEndian(negative, quint32(-2), 4);
    QTest::newRow("negative length") << header() + negative;
    QTest::newRow("after the trailer") << header() + trailer() + row(1, QByteArray("a"));
}

void TestPostgresBinaryCsv::refusesWhatIsNotBinaryCopy()
{
    QFETCH(QByteArray, stream);
    PostgresBinaryCsv rows = reader();
    Lines lines;
    QCOMPARE(rows.feed(stream.constData(), int(stream.size()), lines),
             PostgresBinaryCsv::Outcome::Malformed);
    QVERIFY(lines.lines.isEmpty());
}

QTEST_GUILESS_MAIN(TestPostgresBinaryCsv)
#include "tst_postgresbinarycsv.moc"
