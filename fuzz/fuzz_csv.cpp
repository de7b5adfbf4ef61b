// The CSV export writer, round trip: random cells go through ExportWriter
// (ExportFormat::Csv) and come back through a strict RFC 4180 reader here.
//
// Input: records split by 0x1E, fields by 0x1F; the first record names the
// columns. A field that starts with 0x00 is NULL, one that starts with 0x01 is
// binary (the bytes after it), anything else is text, taken as bytes. A
// leading 0x02 turns the header row off.
//
// Invariants: the output is strict RFC 4180 with LF line ends (every record
// ends with LF, a field is quoted or holds no '"', ',', CR or LF, nothing
// follows a closing quote); it reads back to the same records; NULL is an
// unquoted empty field and '' is ""; binary is \x and lowercase hex; a field
// is quoted only when it must be (or is ""); the writer counts the rows and
// bytes it wrote.
#include "core/export/exportwriter.h"

#include <QBuffer>

#include "fuzz/fuzzcheck.h"
#include <vector>

namespace {

constexpr char kRecordSeparator = '\x1e';
constexpr char kFieldSeparator = '\x1f';
constexpr int kMaxColumns = 64;

struct Field
{
    bool quoted = false;
    QByteArray bytes;
    bool operator==(const Field &other) const
    {
        return quoted == other.quoted && bytes == other.bytes;
    }
};
using Record = QList<Field>;

bool needsQuotes(const QByteArray &bytes)
{
    return bytes.contains(',') || bytes.contains('"') || bytes.contains('\r') ||
           bytes.contains('\n');
}

Field textField(const QByteArray &bytes)
{
    return Field{bytes.isEmpty() || needsQuotes(bytes), bytes};
}

// RFC 4180 with LF as the record end, nothing lenient: a bare quote or CR, a
// missing LF at the end or text after a closing quote is an error.
bool readCsv(const QByteArray &csv, QList<Record> *records, QString *why)
{
    const qsizetype n = csv.size();
    qsizetype pos = 0;
    auto fail = [&](const char *what) {
        *why = QStringLiteral("%1 at byte %2").arg(QLatin1String(what)).arg(pos);
        return false;
    };
    while (pos < n) {
        Record record;
        for (;;) {
            Field field;
            if (csv.at(pos) == '"') {
                field.quoted = true;
                ++pos;
                for (;;) {
                    if (pos >= n)
                        return fail("unclosed quote");
                    const char c = csv.at(pos);
                    if (c == '"') {
                        if (pos + 1 < n && csv.at(pos + 1) == '"') {
                            field.bytes.append('"');
                            pos += 2;
                            continue;
                        }
                        ++pos;
                        break;
                    }
                    field.bytes.append(c);
                    ++pos;
                }
            } else {
                while (pos < n && csv.at(pos) != ',' && csv.at(pos) != '\n') {
                    if (csv.at(pos) == '"' || csv.at(pos) == '\r')
                        return fail("quote or CR in an unquoted field");
                    field.bytes.append(csv.at(pos));
                    ++pos;
                }
            }
            record.append(field);
            if (pos >= n)
                return fail("record without LF");
            if (csv.at(pos) == ',') {
                ++pos;
                continue;
            }
            if (csv.at(pos) == '\n') {
                ++pos;
                break;
            }
            return fail("text after a closing quote");
        }
        records->append(record);
    }
    return true;
}

QString show(const QList<Record> &records)
{
    QStringList lines;
    for (const Record &record : records) {
        QStringList fields;
        for (const Field &field : record)
            fields << (field.quoted ? QLatin1String("q:") : QLatin1String("u:")) +
                          QString::fromLatin1(field.bytes.toPercentEncoding());
        lines << fields.join(QLatin1String(" | "));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    ExportOptions options;
    options.format = ExportFormat::Csv;
    if (input.startsWith('\x02')) {
        options.header = false;
        input.remove(0, 1);
    }
    const QList<QByteArray> rawRecords = input.split(kRecordSeparator);

    Columns columns;
    QList<Record> expected;
    Record header;
    for (const QByteArray &name : rawRecords.first().split(kFieldSeparator)) {
        if (columns.size() == kMaxColumns)
            break;
        Column column;
        column.name = QString::fromUtf8(name);
        column.kind = ColumnKind::Text;
        columns.append(column);
        header.append(textField(column.name.toUtf8()));
    }
    if (options.header)
        expected.append(header);

    // The cells keep pointers into rows, which must not move afterwards.
    std::vector<std::vector<QByteArray>> rows;
    for (qsizetype r = 1; r < rawRecords.size(); ++r) {
        std::vector<QByteArray> row = {};
        const QList<QByteArray> fields = rawRecords.at(r).split(kFieldSeparator);
        for (qsizetype c = 0; c < columns.size(); ++c)
            row.push_back(c < fields.size() ? fields.at(c) : QByteArray(1, '\0'));
        rows.push_back(std::move(row));
    }

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const std::unique_ptr<ExportWriter> writer = ExportWriter::create(options, &buffer);
    FUZZ_CHECK(writer->begin(columns), writer->error());
    std::vector<CellView> cells(size_t(columns.size()));
    for (const std::vector<QByteArray> &row : rows) {
        Record record;
        for (size_t c = 0; c < row.size(); ++c) {
            const QByteArray &field = row.at(c);
            CellView &cell = cells[c];
            cell = CellView();
            if (field.startsWith('\0')) {
                cell.kind = CellKind::Null;
                record.append(Field{false, QByteArray()});
            } else if (field.startsWith('\x01')) {
                cell.kind = CellKind::Binary;
                cell.data = field.constData() + 1;
                cell.size = field.size() - 1;
                record.append(Field{false, "\\x" + field.mid(1).toHex()});
            } else {
                cell.kind = CellKind::Text;
                cell.data = field.constData();
                cell.size = field.size();
                record.append(textField(field));
            }
            cell.fullSize = cell.size;
        }
        FUZZ_CHECK(writer->row(cells.data()), writer->error());
        expected.append(record);
    }
    writer->end();
    FUZZ_CHECK(writer->finish(), writer->error());

    const QByteArray csv = buffer.data();
    FUZZ_CHECK(writer->rows() == qint64(rows.size()), QString::number(writer->rows()));
    FUZZ_CHECK(writer->bytesWritten() == csv.size(), QString::number(writer->bytesWritten()));
    QList<Record> records;
    QString why;
    FUZZ_CHECK(readCsv(csv, &records, &why),
               QStringLiteral("the CSV is not RFC 4180: %1\n%2")
                   .arg(why, QString::fromLatin1(csv.toPercentEncoding())));
    FUZZ_CHECK(records == expected,
               QStringLiteral("read back:\n%1\nexpected:\n%2").arg(show(records), show(expected)));
    return 0;
}
