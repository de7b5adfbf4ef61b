#include "core/driver/postgresbinarycsv.h"

#include "core/driver/csvlinesink.h"
#include "core/driver/postgresbinarytext.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

namespace {

using BinaryText = PostgresBinaryText;

// The built-in types' OIDs (PostgreSQL's pg_type.dat), which never change.
enum Type : unsigned int {
    Bool = 16,
    Bytea = 17,
    Name = 19,
    Int8 = 20,
    Int2 = 21,
    Int4 = 23,
    Text = 25,
    Oid = 26,
    Json = 114,
    Float8 = 701,
    Bpchar = 1042,
    Varchar = 1043,
    Date = 1082,
    Timestamp = 1114,
    Numeric = 1700,
    Uuid = 2950,
    Jsonb = 3802,
};

// Binary COPY starts with this signature, a flags word and the length of a
// header extension (PostgreSQL's "COPY" reference, "Binary Format").
constexpr unsigned char kSignature[11] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xff, '\r', '\n', 0};
constexpr size_t kHeaderSize = sizeof kSignature + 4 + 4;
constexpr uint32_t kFlagWithOids = 1u << 16;

// The bytes that make a text field need quotes, as in CsvWriter.
constexpr std::array<bool, 256> kNeedsQuotes = [] {
    std::array<bool, 256> table{};
    table[','] = table['"'] = table['\r'] = table['\n'] = true;
    return table;
}();

} // namespace

bool PostgresBinaryCsv::supports(unsigned int type, const Settings &settings)
{
    switch (type) {
    case Bool:
    case Name:
    case Int8:
    case Int2:
    case Int4:
    case Text:
    case Oid:
    case Json:
    case Bpchar:
    case Varchar:
    case Numeric:
    case Uuid:
    case Jsonb:
        return true;
    case Float8:
        return settings.shortestFloats;
    case Date:
    case Timestamp:
        return settings.isoDates;
    case Bytea:
        return settings.hexBytes;
    default:
        return false;
    }
}

bool PostgresBinaryCsv::needsSettings(unsigned int type)
{
    return type == Float8 || type == Bytea;
}

PostgresBinaryCsv::PostgresBinaryCsv(std::vector<unsigned int> types, QList<QByteArray> names)
    : m_types(std::move(types))
    , m_names(std::move(names))
{
    m_line.reserve(4096);
}

QByteArray PostgresBinaryCsv::headerLine()
{
    m_line.clear();
    for (qsizetype i = 0; i < m_names.size(); ++i) {
        if (i > 0)
            m_line.push_back(',');
        appendText(m_names.at(i).constData(), size_t(m_names.at(i).size()));
    }
    m_line.push_back('\n');
    return QByteArray(m_line.data(), qsizetype(m_line.size()));
}

PostgresBinaryCsv::Outcome PostgresBinaryCsv::feed(const char *data, int size, CsvLineSink &sink)
{
    if (size < 0)
        return Outcome::Malformed;
    size_t used = 0;
    if (m_pending.empty()) {
        const Outcome outcome = parse(data, size_t(size), used, sink);
        if (outcome == Outcome::More && used < size_t(size))
            m_pending.assign(data + used, size_t(size) - used);
        return outcome;
    }
    m_pending.append(data, size_t(size));
    const Outcome outcome = parse(m_pending.data(), m_pending.size(), used, sink);
    m_pending.erase(0, used);
    return outcome;
}

PostgresBinaryCsv::Outcome PostgresBinaryCsv::parse(const char *data, size_t size, size_t &used,
                                                    CsvLineSink &sink)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(data);
    size_t at = 0;
    if (!m_headerRead) {
        if (size < kHeaderSize)
            return Outcome::More;
        if (std::memcmp(bytes, kSignature, sizeof kSignature) != 0 ||
            (BinaryText::be32(bytes + sizeof kSignature) & kFlagWithOids) != 0)
            return Outcome::Malformed;
        const uint32_t extension = BinaryText::be32(bytes + sizeof kSignature + 4);
        if (size - kHeaderSize < extension)
            return Outcome::More;
        at = kHeaderSize + extension;
        m_headerRead = true;
    }
    while (at < size) {
        if (m_finished)
            return Outcome::Malformed; // nothing follows the trailer
        if (size - at < 2)
            break;
        const auto fields = int16_t(BinaryText::be16(bytes + at));
        if (fields == -1) {
            m_finished = true;
            at += 2;
            continue;
        }
        if (size_t(fields) != m_types.size())
            return Outcome::Malformed;
        // A row is formatted as it is read; one that the message does not
        // hold whole waits for the next.
        m_line.clear();
        size_t next = at + 2;
        bool whole = true;
        for (size_t column = 0; column < m_types.size(); ++column) {
            if (size - next < 4) {
                whole = false;
                break;
            }
            const auto length = int32_t(BinaryText::be32(bytes + next));
            next += 4;
            if (column > 0)
                m_line.push_back(',');
            if (length == -1)
                continue; // NULL: an empty field
            if (length < 0)
                return Outcome::Malformed;
            if (size - next < size_t(length)) {
                whole = false;
                break;
            }
            if (!appendValue(m_types[column], bytes + next, size_t(length)))
                return Outcome::Malformed;
            next += size_t(length);
        }
        if (!whole)
            break;
        m_line.push_back('\n');
        at = next;
        ++m_rows;
        if (!sink.csvLine(m_line.data(), qsizetype(m_line.size()), false)) {
            used = at;
            return Outcome::Stopped;
        }
    }
    used = at;
    return Outcome::More;
}

bool PostgresBinaryCsv::appendValue(unsigned int type, const unsigned char *data, size_t size)
{
    const auto fixed = [&](size_t expected) {
        return size == expected;
    };
    switch (type) {
    case Bool:
        if (!fixed(1))
            return false;
        m_line.push_back(data[0] ? 't' : 'f');
        return true;
    case Int2:
        if (!fixed(2))
            return false;
        BinaryText::appendSigned(m_line, int16_t(BinaryText::be16(data)));
        return true;
    case Int4:
        if (!fixed(4))
            return false;
        BinaryText::appendSigned(m_line, int32_t(BinaryText::be32(data)));
        return true;
    case Oid:
        if (!fixed(4))
            return false;
        BinaryText::appendUnsigned(m_line, BinaryText::be32(data));
        return true;
    case Int8:
        if (!fixed(8))
            return false;
        BinaryText::appendSigned(m_line, int64_t(BinaryText::be64(data)));
        return true;
    case Float8: {
        if (!fixed(8))
            return false;
        const uint64_t bits = BinaryText::be64(data);
        double value;
        std::memcpy(&value, &bits, sizeof value);
        BinaryText::appendFloat8(m_line, value);
        return true;
    }
    case Numeric:
        return BinaryText::appendNumeric(m_line, data, size);
    case Date: {
        if (!fixed(4))
            return false;
        BinaryText::appendDate(m_line, int32_t(BinaryText::be32(data)));
        return true;
    }
    case Timestamp:
        if (!fixed(8))
            return false;
        BinaryText::appendTimestamp(m_line, int64_t(BinaryText::be64(data)));
        return true;
    case Uuid:
        if (!fixed(16))
            return false;
        BinaryText::appendUuid(m_line, data);
        return true;
    case Bytea:
        m_line += "\\x";
        BinaryText::appendHex(m_line, data, size);
        return true;
    case Jsonb:
        // A version byte, then the document as jsonb_out writes it.
        if (size < 1 || data[0] != 1)
            return false;
        appendText(reinterpret_cast<const char *>(data + 1), size - 1);
        return true;
    default: // the text types, whose binary form is their text
        appendText(reinterpret_cast<const char *>(data), size);
        return true;
    }
}

void PostgresBinaryCsv::appendText(const char *data, size_t size)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    const auto *const end = p + size;
    while (p < end && !kNeedsQuotes[*p])
        ++p;
    // COPY quotes the empty string (NULL is the empty field) and, in a row of
    // one column, a lone \. that would read as its end-of-data marker.
    const bool quote = p != end || size == 0 ||
                       (m_types.size() == 1 && size == 2 && data[0] == '\\' && data[1] == '.');
    if (!quote) {
        m_line.append(data, size);
        return;
    }
    m_line.push_back('"');
    const char *const stop = data + size;
    while (data < stop) {
        const auto *mark = static_cast<const char *>(std::memchr(data, '"', size_t(stop - data)));
        if (!mark) {
            m_line.append(data, stop);
            break;
        }
        m_line.append(data, mark + 1); // up to and including the quote,
        m_line.push_back('"');         // which is doubled
        data = mark + 1;
    }
    m_line.push_back('"');
}
