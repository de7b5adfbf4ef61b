// bench_chart IN.json OUT.png: draws bench/run's judged rows as horizontal
// bars of their ratios, each target marked, met in green and missed in red,
// on a logarithmic scale (the rows span 0.1× to 50×). bench/run writes
// IN.json: {"title": "...", "rows": [{"label", "value", "mark", "met"}]}.
// Needs a platform: offscreen is enough.
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QHorizontalBarSeries>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLogValueAxis>
#include <QScatterSeries>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace {

constexpr int kWidth = 1500;
constexpr int kRowHeight = 34;
constexpr int kFrame = 170;

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_chart: %s\n", qPrintable(message));
    return 1;
}

struct Bar
{
    QString label;
    double value = 0;
    double mark = 0;
    bool met = false;
};

QList<Bar> readBars(const QJsonArray &rows)
{
    QList<Bar> bars;
    for (const QJsonValue &entry : rows) {
        const QJsonObject row = entry.toObject();
        Bar bar;
        bar.label = row.value(QStringLiteral("label")).toString();
        bar.value = row.value(QStringLiteral("value")).toDouble();
        bar.mark = row.value(QStringLiteral("mark")).toDouble();
        bar.met = row.value(QStringLiteral("met")).toBool();
        if (bar.value > 0 && bar.mark > 0 && std::isfinite(bar.value))
            bars.append(bar);
    }
    // The chart's first category is drawn at the bottom: reversed, the
    // bars read from the top in the table's order.
    std::reverse(bars.begin(), bars.end());
    return bars;
}

QChart *makeChart(const QString &title, const QList<Bar> &bars)
{
    // One set, the missed bars selected: a second set would need zero-length
    // bars, which a logarithmic axis cannot place.
    auto *ratios = new QBarSet(QStringLiteral("met (red: missed)"));
    ratios->setColor(QColor(0x2e, 0x8b, 0x57));
    ratios->setSelectedColor(QColor(0xc0, 0x39, 0x2b));
    auto *marks = new QScatterSeries;
    marks->setName(QStringLiteral("target"));
    marks->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    marks->setMarkerSize(9);
    marks->setColor(Qt::black);
    QStringList labels;
    double low = 1, high = 1;
    for (qsizetype i = 0; i < bars.size(); ++i) {
        const Bar &bar = bars.at(i);
        ratios->append(bar.value);
        if (!bar.met)
            ratios->selectBar(int(i));
        marks->append(bar.mark, double(i));
        // Category labels are rich text: "< 32 MB" would start a tag.
        labels.append(bar.label.toHtmlEscaped());
        low = std::min({low, bar.value, bar.mark});
        high = std::max({high, bar.value, bar.mark});
    }
    auto *series = new QHorizontalBarSeries;
    series->append(ratios);
    series->setBarWidth(0.6);

    auto *chart = new QChart;
    chart->setTitle(title);
    chart->addSeries(series);
    chart->addSeries(marks);
    auto *axisX = new QLogValueAxis;
    axisX->setBase(10);
    axisX->setLabelFormat(QStringLiteral("%g"));
    axisX->setMinorTickCount(8);
    // Bars grow from the axis's left end: a value on it would draw no bar,
    // so the smallest value keeps room on both sides.
    axisX->setRange(std::pow(10, std::floor(std::log10(low / 1.05))),
                    std::pow(10, std::ceil(std::log10(high * 1.05))));
    axisX->setTitleText(
        QStringLiteral("ratio × (to the tool; a target without a tool: figure / target)"));
    auto *axisY = new QBarCategoryAxis;
    axisY->append(labels);
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(axisX);
        s->attachAxis(axisY);
    }
    chart->legend()->setAlignment(Qt::AlignTop);
    return chart;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3)
        return fail(QStringLiteral("usage: bench_chart IN.json OUT.png"));
    QFile in(args.at(1));
    if (!in.open(QIODevice::ReadOnly))
        return fail(in.errorString());
    const QJsonObject doc = QJsonDocument::fromJson(in.readAll()).object();
    const QList<Bar> bars = readBars(doc.value(QStringLiteral("rows")).toArray());
    if (bars.isEmpty())
        return fail(QStringLiteral("no row to draw"));

    QChartView view(makeChart(doc.value(QStringLiteral("title")).toString(), bars));
    view.setRenderHint(QPainter::Antialiasing);
    view.resize(kWidth, kFrame + kRowHeight * int(bars.size()));
    const QPixmap picture = view.grab();
    if (!picture.save(args.at(2), "PNG"))
        return fail(QStringLiteral("cannot write %1").arg(args.at(2)));
    return 0;
}
