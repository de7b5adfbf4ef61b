#include "core/config/secretscrubber.h"

#include <QUrl>

namespace {

const QString kMask = QStringLiteral("***");

bool isWordCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// Replaces form wherever accept(start, end) says it stands alone.
template<typename Accept>
void replaceWhere(QString &text, const QString &form, Accept accept)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype at = text.indexOf(form, from, Qt::CaseInsensitive);
        if (at < 0)
            return;
        const qsizetype end = at + form.size();
        if (accept(at, end)) {
            text.replace(at, form.size(), kMask);
            from = at + kMask.size();
        } else {
            from = at + 1;
        }
    }
}

} // namespace

SecretScrubber::SecretScrubber(const QString &password, const QString &userName)
{
    if (password.isEmpty())
        return;
    const QByteArray encoded = QUrl::toPercentEncoding(password);
    QByteArray plus = encoded;
    plus.replace("%20", "+");
    for (const QString &form :
         {password, QString::fromLatin1(encoded), QString::fromLatin1(plus)}) {
        if (!m_forms.contains(form))
            m_forms << form;
    }
    m_asToken = password.size() >= kTokenMinLength && password != userName;
}

QString SecretScrubber::scrub(const QString &text) const
{
    QString out = text;
    for (const QString &form : m_forms) {
        // URL form: user:pw@host.
        replaceWhere(out, form, [&](qsizetype at, qsizetype end) {
            return at > 0 && out.at(at - 1) == QLatin1Char(':') && end < out.size() &&
                   out.at(end) == QLatin1Char('@');
        });
        // Option form: password=pw, password='pw', password="pw".
        replaceWhere(out, form, [&](qsizetype at, qsizetype end) {
            qsizetype key = at;
            QChar quote;
            if (key > 0 &&
                (out.at(key - 1) == QLatin1Char('\'') || out.at(key - 1) == QLatin1Char('"'))) {
                quote = out.at(key - 1);
                --key;
            }
            const QLatin1String name("password=");
            if (key < name.size() || QStringView(out)
                                             .mid(key - name.size(), name.size())
                                             .compare(name, Qt::CaseInsensitive) != 0)
                return false;
            if (!quote.isNull())
                return end < out.size() && out.at(end) == quote;
            return end == out.size() || out.at(end).isSpace() || out.at(end) == QLatin1Char(';') ||
                   out.at(end) == QLatin1Char('&');
        });
        if (!m_asToken)
            continue;
        replaceWhere(out, form, [&](qsizetype at, qsizetype end) {
            return (at == 0 || !isWordCharacter(out.at(at - 1))) &&
                   (end == out.size() || !isWordCharacter(out.at(end)));
        });
    }
    return out;
}
