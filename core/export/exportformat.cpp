#include "core/export/exportformat.h"

#include <QCoreApplication>

namespace exportformats {

QList<ExportFormat> all()
{
    return {ExportFormat::Csv,       ExportFormat::Tsv,       ExportFormat::Json,
            ExportFormat::JsonLines, ExportFormat::SqlInsert, ExportFormat::Markdown};
}

QString name(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    case ExportFormat::Tsv:
        return QStringLiteral("tsv");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::JsonLines:
        return QStringLiteral("jsonl");
    case ExportFormat::SqlInsert:
        return QStringLiteral("sql");
    case ExportFormat::Markdown:
        return QStringLiteral("markdown");
    }
    return {};
}

QString displayName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return QStringLiteral("CSV");
    case ExportFormat::Tsv:
        return QStringLiteral("TSV");
    case ExportFormat::Json:
        return QStringLiteral("JSON");
    case ExportFormat::JsonLines:
        return QCoreApplication::translate("ExportFormat", "JSON Lines");
    case ExportFormat::SqlInsert:
        return QCoreApplication::translate("ExportFormat", "SQL INSERT statements");
    case ExportFormat::Markdown:
        return QCoreApplication::translate("ExportFormat", "Markdown table");
    }
    return {};
}

QString fileExtension(ExportFormat format)
{
    return format == ExportFormat::Markdown ? QStringLiteral("md") : name(format);
}

std::optional<ExportFormat> fromName(const QString &text)
{
    const QString key = text.trimmed().toLower();
    for (ExportFormat format : all()) {
        if (key == name(format) || key == fileExtension(format))
            return format;
    }
    if (key == QLatin1String("ndjson") || key == QLatin1String("json-lines") ||
        key == QLatin1String("jsonlines"))
        return ExportFormat::JsonLines;
    if (key == QLatin1String("tab"))
        return ExportFormat::Tsv;
    return std::nullopt;
}

std::optional<ExportFormat> fromFileName(const QString &fileName)
{
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    const qsizetype slash = fileName.lastIndexOf(QLatin1Char('/'));
    if (dot < 0 || dot < slash)
        return std::nullopt;
    return fromName(fileName.mid(dot + 1));
}

} // namespace exportformats
