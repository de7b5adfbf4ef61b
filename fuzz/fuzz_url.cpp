// Url::parse, render and redact on any text.
//
// Invariants:
// - redact() hides exactly the span from the first ':' that does not start
//   "://" up to the last '@' after it, and is idempotent;
// - a failed parse says what is wrong with the valid form, and its message does
//   not depend on the letters of that span: the same text with the span's
//   letters swapped gives the same message (so no part of a password shows);
// - what parses renders (password shown) to text that parses to the same URL,
//   field by field; the display form parses too and shows the password as ***;
// - withoutPassword() has no password left, not even as an option.
#include "core/config/url.h"

#include "fuzz/fuzzcheck.h"
#include <algorithm>

namespace {

const QString kValidForm =
    QStringLiteral("dialect[+driver]://user:password@host:port/database (or sqlite:///file.db)");

struct Span
{
    qsizetype begin = -1;
    qsizetype end = -1;
    bool isValid() const { return begin >= 0; }
};

// The password part of a URL-looking text, as the project defines it: from
// the first ':' that does not start "://" up to the last '@' after it.
Span passwordSpan(const QString &text)
{
    const qsizetype last = text.lastIndexOf(QLatin1Char('@'));
    qsizetype colon = text.indexOf(QLatin1Char(':'));
    while (colon >= 0 && QStringView(text).mid(colon + 1, 2) == QLatin1String("//"))
        colon = text.indexOf(QLatin1Char(':'), colon + 1);
    if (colon < 0 || last < colon)
        return {};
    return {colon + 1, last};
}

void checkRedact(const QString &text)
{
    const Span span = passwordSpan(text);
    const QString expected =
        span.isValid() ? text.left(span.begin) + QLatin1String("***") + text.mid(span.end) : text;
    const QString redacted = Url::redact(text);
    FUZZ_CHECK(redacted == expected,
               QStringLiteral("redact gave '%1', expected '%2'").arg(redacted, expected));
    FUZZ_CHECK(Url::redact(redacted) == redacted,
               QStringLiteral("redact is not idempotent on '%1'").arg(redacted));
}

void checkErrorHidesPassword(const QString &text, bool parsed, const QString &error)
{
    const Span span = passwordSpan(text);
    if (!span.isValid())
        return;
    const QString swapped = text.left(span.begin) +
                            fuzz::swapLetters(text.mid(span.begin, span.end - span.begin)) +
                            text.mid(span.end);
    if (swapped == text)
        return;
    QString swappedError;
    const bool swappedParsed = Url::parse(swapped, &swappedError).has_value();
    FUZZ_CHECK(parsed == swappedParsed,
               QStringLiteral("the letters of the password decide whether it parses:\n%1\n%2")
                   .arg(error, swappedError));
    FUZZ_CHECK(
        error == swappedError,
        QStringLiteral("the error shows part of the password:\n%1\n%2").arg(error, swappedError));
}

QList<Url::Option> sortedOptions(const Url &url)
{
    QList<Url::Option> options = url.options();
    std::stable_sort(options.begin(), options.end(),
                     [](const Url::Option &a, const Url::Option &b) { return a.first < b.first; });
    return options;
}

bool isPasswordKey(const QString &key)
{
    return key.compare(QLatin1String("password"), Qt::CaseInsensitive) == 0;
}

void checkRoundTrip(const Url &url)
{
    const QString full = url.render(false);
    QString error;
    const std::optional<Url> again = Url::parse(full, &error);
    FUZZ_CHECK(again, QStringLiteral("render(false) gives '%1', which does not parse: %2")
                          .arg(url.toDisplayString(), error));
    FUZZ_CHECK(again->render(false) == full,
               QStringLiteral("rendering '%1' again gives '%2'")
                   .arg(url.toDisplayString(), again->toDisplayString()));
    const QString what = url.toDisplayString();
    FUZZ_CHECK(again->dialect() == url.dialect(), what);
    FUZZ_CHECK(again->drivername() == url.drivername(), what);
    FUZZ_CHECK(again->username() == url.username(), what);
    FUZZ_CHECK(again->password() == url.password(), what);
    FUZZ_CHECK(again->hasPassword() == url.hasPassword(), what);
    FUZZ_CHECK(again->host() == url.host(), what);
    FUZZ_CHECK(again->port() == url.port(), what);
    FUZZ_CHECK(again->database() == url.database(), what);
    FUZZ_CHECK(sortedOptions(*again) == sortedOptions(url), what);
    FUZZ_CHECK(again->isSqliteMemory() == url.isSqliteMemory(), what);

    // The display form is a URL too, with *** where the secrets were.
    const std::optional<Url> shown = Url::parse(what, &error);
    FUZZ_CHECK(shown, QStringLiteral("the display form '%1' does not parse: %2").arg(what, error));
    FUZZ_CHECK(shown->password() == (url.hasPassword() ? QStringLiteral("***") : QString()), what);
    FUZZ_CHECK(shown->username() == url.username() && shown->host() == url.host() &&
                   shown->database() == url.database(),
               what);
    for (const Url::Option &option : shown->options()) {
        if (isPasswordKey(option.first))
            FUZZ_CHECK(option.second == QLatin1String("***"), what);
    }

    const Url bare = url.withoutPassword();
    FUZZ_CHECK(!bare.hasPassword() && bare.password().isEmpty(), what);
    for (const Url::Option &option : bare.options())
        FUZZ_CHECK(!isPasswordKey(option.first), what);
    FUZZ_CHECK(bare.render(false) == bare.toDisplayString(), what);
    FUZZ_CHECK(Url::parse(bare.render(false)).has_value(), what);
}

// A leading 0xFF byte (never part of UTF-8) makes the rest raw UTF-16 code
// units, so text that is not valid UTF-16 reaches the parser too: half a
// surrogate pair, as a JSON "\\u" escape can make.
QString textOf(const uint8_t *data, size_t size)
{
    if (size == 0 || data[0] != 0xff)
        return fuzz::input(data, size);
    QString text;
    for (size_t i = 1; i + 1 < size; i += 2)
        text.append(QChar(char16_t(data[i] | (data[i + 1] << 8))));
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = textOf(data, size);
    checkRedact(text);

    QString error;
    const std::optional<Url> url = Url::parse(text, &error);
    checkErrorHidesPassword(text, url.has_value(), error);
    if (!url) {
        FUZZ_CHECK(error.contains(kValidForm), error);
        return 0;
    }
    FUZZ_CHECK(error.isEmpty(), error);
    checkRoundTrip(*url);
    return 0;
}
