// The CSV import reader (CsvReader) on any bytes, and the round trip back
// through the export writer.
//
// Input: the first byte chooses the delimiter (bits 0-1: ',' ';' tab '|') and
// whether "\N" is the null text (bit 2); the rest is the file.
//
// Invariants: reading ends (no hang, no crash); every record's first line is at
// least 1 and never before the previous record's; an error is only ever an
// unclosed quote at the end; no field is NULL unless it was an unquoted empty
// field (or the null text). With ',' and no null text, records of one width
// written with ExportWriter (CSV, no header) read back as the same records,
// except that a file whose first bytes are EF BB BF loses them: the reader
// takes them for a byte-order mark, as spreadsheets do, so a first value that
// starts with U+FEFF cannot come back.
#include "core/export/exportwriter.h"
#include "core/import/csvreader.h"

#include <QBuffer>

#include "fuzz/fuzzcheck.h"
#include <optional>
#include <vector>

namespace {

using Record = QList<std::optional<QByteArray>>;

QList<Record> readAll(const QByteArray &bytes, char delimiter,
                      const std::optional<QByteArray> &nullText, QString *error)
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, delimiter, nullText);
    QList<Record> records;
    qint64 line = 1;
    while (reader.next()) {
        FUZZ_CHECK(reader.line() >= line,
                   QStringLiteral("line %1 after %2").arg(reader.line()).arg(line));
        line = reader.line();
        Record record;
        for (int i = 0; i < reader.fieldCount(); ++i) {
            const CellView &cell = reader.cells()[i];
            FUZZ_CHECK(cell.isNull() || cell.kind == CellKind::Text, QStringLiteral("kind"));
            record << (cell.isNull() ? std::nullopt : std::optional<QByteArray>(cell.bytes()));
        }
        FUZZ_CHECK(!record.isEmpty(), QStringLiteral("a record without fields"));
        records << record;
    }
    *error = reader.error();
    FUZZ_CHECK(error->isEmpty() || error->contains(QLatin1String("is not closed")), *error);
    return records;
}

QByteArray written(const QList<Record> &records)
{
    ExportOptions options;
    options.format = ExportFormat::Csv;
    options.header = false;
    Columns columns;
    for (qsizetype i = 0; i < records.first().size(); ++i)
        columns.append(
            Column{QStringLiteral("c%1").arg(i), QStringLiteral("text"), ColumnKind::Text});
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const std::unique_ptr<ExportWriter> writer = ExportWriter::create(options, &buffer);
    FUZZ_CHECK(writer->begin(columns), writer->error());
    std::vector<CellView> cells(size_t(columns.size()));
    for (const Record &record : records) {
        for (qsizetype i = 0; i < record.size(); ++i) {
            CellView &cell = cells[size_t(i)];
            cell = CellView();
            if (record.at(i)) {
                cell.kind = CellKind::Text;
                cell.data = record.at(i)->constData();
                cell.size = cell.fullSize = record.at(i)->size();
            }
        }
        FUZZ_CHECK(writer->row(cells.data()), writer->error());
    }
    writer->end();
    FUZZ_CHECK(writer->finish(), writer->error());
    return buffer.data();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char delimiters[] = {',', ';', '\t', '|'};
    const char delimiter = delimiters[data[0] & 3];
    const std::optional<QByteArray> nullText =
        (data[0] & 4) ? std::optional<QByteArray>(QByteArrayLiteral("\\N")) : std::nullopt;
    const QByteArray file(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    QString error;
    const QList<Record> records = readAll(file, delimiter, nullText, &error);
    if (!error.isEmpty() || records.isEmpty() || delimiter != ',' || nullText)
        return 0;
    for (const Record &record : records) {
        if (record.size() != records.first().size())
            return 0;
    }
    const QByteArray csv = written(records);
    if (csv.startsWith("\xEF\xBB\xBF"))
        return 0;
    QString again;
    const QList<Record> back = readAll(csv, ',', std::nullopt, &again);
    FUZZ_CHECK(again.isEmpty(), again);
    FUZZ_CHECK(back == records, QString::fromLatin1(csv.toPercentEncoding()));
    return 0;
}
