// The Python literal reader on its own (a table of expressions and what they
// read as), and every configuration reader fed with mangled input: whatever the
// bytes, it returns (an error or warnings) and never crashes or hangs.
#include "core/config/bindconfig.h"
#include "core/config/dotenvreader.h"
#include "core/config/flaskconfigreader.h"
#include "core/config/jsonbindreader.h"
#include "core/config/python/pythonliteralparser.h"
#include "core/config/python/pythontokenizer.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

namespace {

QString repr(const PythonValue &v)
{
    using Kind = PythonValue::Kind;
    auto join = [](const std::vector<PythonValue> &items) {
        QStringList parts;
        for (const PythonValue &item : items)
            parts << repr(item);
        return parts.join(", ");
    };
    switch (v.kind) {
    case Kind::None:
        return "None";
    case Kind::Bool:
        return v.boolean ? QString("True") : QString("False");
    case Kind::Int:
        return QString::number(v.integer);
    case Kind::Float:
        return "f" + QString::number(v.number);
    case Kind::String:
        return "'" + v.text + "'";
    case Kind::Bytes:
        return "b'" + v.text + "'";
    case Kind::List:
        return "[" + join(v.items) + "]";
    case Kind::Tuple:
        return "(" + join(v.items) + (v.items.size() == 1 ? QString(",)") : QString(")"));
    case Kind::Set:
        return "{" + join(v.items) + "}";
    case Kind::Dict: {
        QStringList parts;
        for (size_t i = 0; i < v.keys.size(); ++i)
            parts << repr(v.keys.at(i)) + ": " + repr(v.items.at(i));
        return "{" + parts.join(", ") + "}";
    }
    case Kind::NotLiteral:
        return "<" + v.text + ">";
    }
    return "?";
}

// The expression on the first logical line of text, or "error L:C: message".
QString read(const QString &text,
             PythonLiteralParser::Mode mode = PythonLiteralParser::Mode::Python)
{
    QList<PythonTokenizer::Token> tokens;
    PythonTokenizer::Error error;
    PythonValue value;
    if (PythonTokenizer::tokenize(text, &tokens, &error)) {
        int end = 0;
        while (tokens.at(end).kind != PythonTokenizer::Token::Kind::Newline &&
               tokens.at(end).kind != PythonTokenizer::Token::Kind::End)
            ++end;
        PythonLiteralParser parser(text, tokens, mode);
        if (parser.parse(0, end, &value, &error))
            return repr(value);
    }
    return QStringLiteral("error %1:%2: %3").arg(error.line).arg(error.column).arg(error.message);
}

} // namespace

class TestPythonLiteralParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void literals_data();
    void literals();
    void positions();
    void json();
    void mangledInputNeverCrashes();
};

void TestPythonLiteralParser::literals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("double") << R"("a b")"
                            << "'a b'";
    QTest::newRow("single") << R"('it''s')"
                            << "'its'";
    QTest::newRow("concatenation") << R"("a" 'b' """c""")"
                                   << "'abc'";
    QTest::newRow("concatenation over lines") << "(\"a\"\n \"b\")"
                                              << "'ab'";
    QTest::newRow("escapes") << R"("\x41\u00e9\U0001F600\n\t\\\'\101\0")"
                             << "'A\u00e9\U0001F600\n\t\\'A" + QString(QChar(0)) + "'";
    QTest::newRow("unknown escape kept") << R"("\d\q")"
                                         << "'\\d\\q'";
    QTest::newRow("line continuation in string") << "'a\\\nb'"
                                                 << "'ab'";
    QTest::newRow("raw") << R"(r"\d+\"")"
                         << "'\\d+\\\"'";
    QTest::newRow("raw upper") << R"(R'\n')"
                               << "'\\n'";
    QTest::newRow("unicode prefix") << R"(u"x")"
                                    << "'x'";
    QTest::newRow("bytes") << R"(b"\x41\u0041")"
                           << "b'A\\u0041'";
    QTest::newRow("raw bytes") << R"(rb"\x41")"
                               << "b'\\x41'";
    QTest::newRow("f-string") << R"(f"{x}")"
                              << "<f-string>";
    QTest::newRow("f-string concatenated") << R"("a" f"{x}")"
                                           << "<f-string>";
    QTest::newRow("mixed bytes") << R"("a" b"b")"
                                 << "error 1:5: cannot mix bytes and nonbytes literals";
    QTest::newRow("named escape") << R"("\N{BULLET}")"
                                  << "<string with a \\N{...} escape>";
    QTest::newRow("int") << "42"
                         << "42";
    QTest::newRow("underscores") << "1_000_000"
                                 << "1000000";
    QTest::newRow("negative") << "-1"
                              << "-1";
    QTest::newRow("signs") << "- -+3"
                           << "3";
    QTest::newRow("hex") << "0xFF"
                         << "255";
    QTest::newRow("octal") << "0o17"
                           << "15";
    QTest::newRow("binary") << "0b_101"
                            << "5";
    QTest::newRow("huge") << "123456789012345678901234567890"
                          << "9223372036854775807";
    QTest::newRow("float") << "2.5"
                           << "f2.5";
    QTest::newRow("exponent") << "1.5e3"
                              << "f1500";
    QTest::newRow("negative exponent") << "-1e-2"
                                       << "f-0.01";
    QTest::newRow("leading dot") << ".5"
                                 << "f0.5";
    QTest::newRow("complex") << "1j"
                             << "<complex number>";
    QTest::newRow("leading zero")
        << "007"
        << "error 1:1: leading zeros in decimal integer literals are not permitted";
    QTest::newRow("bad number") << "1.2.3"
                                << "error 1:1: invalid number literal '1.2.3'";
    QTest::newRow("double underscore") << "1__0"
                                       << "error 1:1: invalid number literal '1__0'";
    QTest::newRow("constants") << "[True, False, None]"
                               << "[True, False, None]";
    QTest::newRow("empty tuple") << "()"
                                 << "()";
    QTest::newRow("one tuple") << "(1,)"
                               << "(1,)";
    QTest::newRow("bare tuple") << "1, 'a'"
                                << "(1, 'a')";
    QTest::newRow("parentheses") << "((1))"
                                 << "1";
    QTest::newRow("list trailing comma") << "[1, 2,]"
                                         << "[1, 2]";
    QTest::newRow("empty list") << "[]"
                                << "[]";
    QTest::newRow("empty dict") << "{}"
                                << "{}";
    QTest::newRow("set") << "{1, 2}"
                         << "{1, 2}";
    QTest::newRow("nested") << "{'a': [1, (2, {'b': None})], 3: -4.0}"
                            << "{'a': [1, (2, {'b': None})], 3: f-4}";
    QTest::newRow("comment inside") << "{'a': 1,  # note\n 'b': 2}"
                                    << "{'a': 1, 'b': 2}";
    QTest::newRow("name") << "DEBUG"
                          << "<DEBUG>";
    QTest::newRow("attribute") << "os.environ"
                               << "<os.environ>";
    QTest::newRow("subscript") << R"(os.environ["DB"])"
                               << "<os.environ[...]>";
    QTest::newRow("call") << R"(os.getenv("X", "sqlite://"))"
                          << "<os.getenv(...)>";
    QTest::newRow("empty call") << "get_url()"
                                << "<get_url()>";
    QTest::newRow("or") << R"(os.environ.get("A") or "sqlite://")"
                        << "<os.environ.get(...) or \"...\">";
    QTest::newRow("concatenation with +") << R"("sqlite:///" + name)"
                                          << "<\"...\" + name>";
    QTest::newRow("format") << R"("x{}".format(y))"
                            << "<\"...\".format(...)>";
    QTest::newRow("entry not literal") << R"({"a": 1, "b": x})"
                                       << "{'a': 1, 'b': <x>}";
    QTest::newRow("spread") << "{**base, 'a': 1}"
                            << "{<**base>: <**base>, 'a': 1}";
    QTest::newRow("comprehension") << "[x for x in y]"
                                   << "<[...]>";
    QTest::newRow("dict comprehension") << "{k: v for k, v in items}"
                                        << "<{...}>";
    QTest::newRow("conditional") << "1 if a else 2"
                                 << "<1 if a else 2>";
    QTest::newRow("lambda") << "lambda: 1"
                            << "<lambda: 1>";
    QTest::newRow("long expression cut")
        << "aaaaaaaaaa.bbbbbbbbbb.cccccccccc.dddddddddd.eeeeeeeeee.ffffffffff.gggggggggg"
        << "<aaaaaaaaaa.bbbbbbbbbb.cccccccccc.dddddddddd.eeeeeeeeee.fffff...>";
    // Found by fuzzing: a URL written without quotes is tokens, and its
    // password must not show in the description.
    QTest::newRow("URL outside quotes") << "postgresql://app:s3cret@db/app"
                                        << "<postgresql: // app: *** @ db / app>";
    QTest::newRow("URL outside quotes, raw @") << "{'a': mysql://u:p@ss@db/x}"
                                               << "{'a': <mysql: // u: *** @ db / x>}";
    // Compound operators end or start the user info too.
    QTest::newRow("URL outside quotes, @=")
        << "postgresql://app:s3cret@= postgresql://db/ap/"
        << "<postgresql: // app: *** @= postgresql: // db / ap />";
    QTest::newRow("URL outside quotes, :=") << "postgresql://app:=s3cret@db"
                                            << "<postgresql: // app := *** @ db>";
    // A comment cuts the password short: the rest of the line is hidden.
    QTest::newRow("URL outside quotes, # in password") << "postgresql://app:s3#cret@db/app"
                                                       << "<postgresql: // app: ***>";
    // Found by fuzzing: a second URL after the first one's '@', cut by a comment.
    QTest::newRow("two URLs, the second cut by #")
        << "postgresql://app:s3cret@= postgresql://app:s3#cret@db/app"
        << "<postgresql: // app: *** @= postgresql: // app: ***>";
    QTest::newRow("URL without password") << "postgresql://app@db/app"
                                          << "<postgresql: // app @ db / app>";
    QTest::newRow("missing value") << "[1, , 2]"
                                   << "error 1:5: expected a value before ','";
    QTest::newRow("missing dict value") << "{'a':}"
                                        << "error 1:5: expected a value after ':'";
    QTest::newRow("mixed set and dict") << "{1, 'a': 2}"
                                        << "error 1:5: a set element cannot be key: value";
    QTest::newRow("stray operator") << "= 1"
                                    << "error 1:1: invalid syntax at '='";
    QTest::newRow("unterminated") << "'abc"
                                  << "error 1:1: unterminated string literal";
    QTest::newRow("newline in string") << "'ab\ncd'"
                                       << "error 1:1: unterminated string literal";
    QTest::newRow("unclosed") << "[1, (2, 3]"
                              << "error 1:10: closing ']' does not match '(' on line 1 column 5";
}

void TestPythonLiteralParser::literals()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(read(text), expected);
}

void TestPythonLiteralParser::positions()
{
    const QString text = "{\n  'a': 1,\n\t'b': [\n    x]}";
    QList<PythonTokenizer::Token> tokens;
    QVERIFY(PythonTokenizer::tokenize(text, &tokens, nullptr));
    PythonLiteralParser parser(text, tokens);
    PythonValue value;
    QVERIFY(parser.parse(0, int(tokens.size()) - 2, &value, nullptr));
    QCOMPARE(value.kind, PythonValue::Kind::Dict);
    QCOMPARE(value.keys.at(0).line, 2);
    QCOMPARE(value.keys.at(0).column, 3);
    QCOMPARE(value.items.at(0).column, 8);
    QCOMPARE(value.keys.at(1).line, 3);
    QCOMPARE(value.items.at(1).items.at(0).line, 4);
    QCOMPARE(value.items.at(1).items.at(0).kind, PythonValue::Kind::NotLiteral);
    QCOMPARE(PythonTokenizer::indentation("a\n\t  x", 5), 10); // a tab counts to 8
}

void TestPythonLiteralParser::json()
{
    using Mode = PythonLiteralParser::Mode;
    QCOMPARE(read(R"({"a": [true, false, null, -1.5e1, "\/\u00e9\ud83d\ude00"]})", Mode::Json),
             QString("{'a': [True, False, None, f-15, '/\u00e9\U0001F600']}"));
    QCOMPARE(read("True", Mode::Json), QString("<True>"));
    QCOMPARE(read(R"("\/")"), QString("'\\/'")); // not an escape in Python
}

void TestPythonLiteralParser::mangledInputNeverCrashes()
{
    const QList<QByteArray> seeds = {
        R"(import os
class Config(object):
    SQLALCHEMY_DATABASE_URI = "sqlite:///app.db"
    SQLALCHEMY_BINDS = {
        "a": 'postgresql://u:p@h/db?x=1', "b": {"url": r"sqlite:///b.db", "pool_size": 3},
        None: """sqlite://""", "c": os.environ["C"], **X,
    }
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_size": 1_0, "max_overflow": -1, "connect_args": {}}
class Prod(Config): SQLALCHEMY_BINDS["d"] = f"x{y}" ; app.config['SQLALCHEMY_DATABASE_URI'] = b'x'
if x:
    SQLALCHEMY_DATABASE_URI = (1, [2.5e3, 0x1f], {3, 4}) \
        + 1
)",
        "export SQLALCHEMY_DATABASE_URI=\"postgresql://u@h/${DB:-x}\" # c\nDATABASE_URL='x'\n"
        "A=${A}${A}${A}\nB=\"multi\nline\\\"\"\n",
        R"({"binds": {"default": "sqlite:///a.db", "r": {"url": "mysql://h/r", "pool_size": 3,
 "connect_args": {"connect_timeout": 5}}}, "engine_options": {"pool_pre_ping": true}})",
    };
    const QByteArray alphabet = "\"'()[]{}:,=#\\\n \t.+-_0123456789abcfrjxTFN${}@;\x80\xff";
    QRandomGenerator random(20240607); // fixed: a failure can be replayed
    QElapsedTimer timer;
    timer.start();
    int runs = 0;
    for (int round = 0; round < 1500; ++round) {
        QByteArray data = seeds.at(round % seeds.size());
        const int edits = 1 + int(random.bounded(8));
        for (int e = 0; e < edits && !data.isEmpty(); ++e) {
            const int at = int(random.bounded(data.size()));
            switch (random.bounded(5)) {
            case 0:
                data[at] = alphabet.at(int(random.bounded(alphabet.size())));
                break;
            case 1:
                data.insert(at, alphabet.at(int(random.bounded(alphabet.size()))));
                break;
            case 2:
                data.remove(at, 1 + int(random.bounded(10)));
                break;
            case 3:
                data.truncate(at);
                break;
            default:
                data.insert(at, data.mid(int(random.bounded(data.size())), 20));
            }
        }
        const QString text = QString::fromUtf8(data);
        const QProcessEnvironment environment;
        const BindConfig results[] = {
            FlaskConfigReader::read("fuzz.py", text),
            FlaskConfigReader::read("fuzz.py", text, "Prod"),
            DotenvReader::read("fuzz.env", text, environment),
            JsonBindReader::read("fuzz.json", text),
        };
        for (const BindConfig &result : results) {
            QVERIFY(result.warnings().size() <= BindConfig::kMaxWarnings + 1);
            for (const Bind &bind : result.binds())
                QVERIFY(!bind.name.isEmpty());
        }
        BindConfig::detectFormat("fuzz", text);
        ++runs;
    }
    QCOMPARE(runs, 1500);
    qInfo("%d mangled inputs read in %lld ms", runs * 4, qint64(timer.elapsed()));
}

QTEST_GUILESS_MAIN(TestPythonLiteralParser)
#include "tst_pythonliteralparser.moc"
