#include "ui/planview.h"

#include "core/models/plantreemodel.h"
#include "core/plan/planformat.h"
#include "ui/plandelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

PlanView::PlanView(QWidget *parent)
    : QWidget(parent)
    , m_model(new PlanTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_summary(new QLabel(this))
    , m_copy(new QPushButton(tr("Copy as Text"), this))
{
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(new PlanDelegate(m_tree));
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(true);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copy->setToolTip(tr("Copy the plan as an indented table, as `poolscope explain` prints it"));
    m_copy->setEnabled(false);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(PlanFormat::text(m_model->plan())); });

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_copy, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);
    clear();
}

void PlanView::setPlan(const QueryPlan &plan)
{
    m_model->setPlan(plan);
    QStringList lines;
    if (plan.analyzed)
        lines << tr("Explain Analyze: the statement ran; actual rows and times are the server's.");
    else
        lines << tr("Explain: the server's plan and estimates; the statement did not run.");
    QStringList totals;
    if (plan.planningMs)
        totals << tr("planning %1 ms").arg(*plan.planningMs, 0, 'f', 3);
    if (plan.executionMs)
        totals << tr("execution %1 ms").arg(*plan.executionMs, 0, 'f', 3);
    if (!totals.isEmpty())
        lines.last() += QLatin1Char(' ') + totals.join(QStringLiteral(", ")) + QLatin1Char('.');
    lines << plan.notes;
    const QModelIndex hottest = m_model->hottestIndex();
    if (hottest.isValid())
        lines << tr("In bold red: %1, the step with the most %2 of its own.")
                     .arg(hottest.data().toString(),
                          m_model->ranksByTime() ? tr("time") : tr("estimated cost"));
    m_summary->setText(lines.join(QLatin1Char('\n')));
    m_copy->setEnabled(plan.isValid());
    m_tree->expandAll();
    for (int column = 0; column < PlanTreeModel::Detail; ++column)
        m_tree->resizeColumnToContents(column);
    // Current, not selected: the eye lands on it and its red stays readable.
    if (hottest.isValid()) {
        m_tree->selectionModel()->setCurrentIndex(hottest, QItemSelectionModel::NoUpdate);
        m_tree->scrollTo(hottest);
    }
}

void PlanView::clear()
{
    m_model->clear();
    m_summary->setText(tr("Explain (F7) shows how the server will run the statement at the "
                          "cursor; Explain Analyze (Shift+F7) runs it and shows what happened."));
    m_copy->setEnabled(false);
}

QString PlanView::summary() const
{
    return m_summary->text();
}
