// FlaskConfigReader on any text, reading the whole module and, when the text
// defines a class, that class with its bases as config.py:ClassName does.
// Invariants: fuzz/bindconfigcheck.h.
#include "core/config/flaskconfigreader.h"

#include "fuzz/bindconfigcheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = fuzz::input(data, size);
    fuzz::checkReader(
        [](const QString &source, const QProcessEnvironment &) {
            return FlaskConfigReader::read(QStringLiteral("/fuzz/app/config.py"), source);
        },
        text);

    static const QRegularExpression classDef(
        QStringLiteral("^class[ \\t]+([A-Za-z_][A-Za-z0-9_]*)"),
        QRegularExpression::MultilineOption);
    QString configClass;
    auto it = classDef.globalMatch(text);
    while (it.hasNext())
        configClass = it.next().captured(1); // the last one, which may have bases
    if (!configClass.isEmpty()) {
        fuzz::checkReader(
            [&configClass](const QString &source, const QProcessEnvironment &) {
                return FlaskConfigReader::read(QStringLiteral("/fuzz/app/config.py"), source,
                                               configClass);
            },
            text);
    }
    return 0;
}
