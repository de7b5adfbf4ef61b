#pragma once

#include "core/driver/cellview.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <optional>

class QIODevice;

// Reads CSV (RFC 4180, and what spreadsheets write) record by record in
// constant memory: quoted fields with doubled quotes, delimiters and line
// breaks inside quotes, CRLF or LF, a UTF-8 byte-order mark. NULL is an
// unquoted empty field, "" is an empty string, as poolscope's CSV export
// writes them; with a null text, an unquoted field equal to it is NULL
// instead and every other field a value.
class CsvReader final
{
public:
    CsvReader(QIODevice *device, char delimiter = ',',
              std::optional<QByteArray> nullText = std::nullopt);

    // Reads the next record; false at the end of the file or on an error.
    bool next();
    bool hasError() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    // The current record's fields; valid until the next call of next().
    int fieldCount() const { return int(m_cells.size()); }
    const CellView *cells() const { return m_cells.constData(); }
    QString text(int field) const { return m_cells.at(field).text(); }
    // The 1-based line of the file where the current record starts.
    qint64 line() const { return m_recordLine; }

private:
    bool fill();
    void startRecord();
    void consumeLineBreak();
    bool consumeQuoted();
    void endField();
    void publish();

    QIODevice *m_device;
    char m_delimiter;
    std::optional<QByteArray> m_nullText;
    QByteArray m_buffer;
    qsizetype m_position = 0;
    bool m_eof = false;
    bool m_started = false;
    QByteArray m_record;       // the fields' bytes, one after the other
    QVector<qsizetype> m_ends; // where each field ends in m_record
    QVector<CellKind> m_kinds; // Null or Text per field
    QVector<CellView> m_cells;
    qsizetype m_fieldStart = 0;
    bool m_fieldQuoted = false;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    QString m_error;
};
