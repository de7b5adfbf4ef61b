#include "tests/ui/widgetdriver.h"

#include "ui/statusline.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>

namespace widgetdriver {

QString withoutMnemonic(QString text)
{
    return text.remove(QLatin1Char('&'));
}

QStringList screenTexts()
{
    QStringList texts;
    const auto widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        texts << widget->windowTitle() << widget->toolTip() << widget->statusTip();
        if (auto *label = qobject_cast<QLabel *>(widget))
            texts << label->text();
        if (auto *line = qobject_cast<StatusLine *>(widget))
            texts << line->text();
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            texts << button->text();
        if (auto *edit = qobject_cast<QLineEdit *>(widget);
            edit && edit->echoMode() == QLineEdit::Normal)
            texts << edit->text();
        if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
            texts << plain->toPlainText();
        if (auto *combo = qobject_cast<QComboBox *>(widget)) {
            for (int i = 0; i < combo->count(); ++i)
                texts << combo->itemText(i);
        }
        if (auto *tabs = qobject_cast<QTabWidget *>(widget)) {
            for (int i = 0; i < tabs->count(); ++i)
                texts << tabs->tabText(i) << tabs->tabToolTip(i);
        }
        if (auto *bar = qobject_cast<QStatusBar *>(widget))
            texts << bar->currentMessage();
        if (auto *dialog = qobject_cast<QInputDialog *>(widget))
            texts << dialog->labelText();
        if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model()) {
            const QAbstractItemModel *model = view->model();
            std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
                for (int c = 0; c < model->columnCount(parent); ++c)
                    texts << model->headerData(c, Qt::Horizontal).toString();
                for (int r = 0; r < model->rowCount(parent); ++r) {
                    for (int c = 0; c < model->columnCount(parent); ++c) {
                        const QModelIndex index = model->index(r, c, parent);
                        texts << index.data(Qt::DisplayRole).toString()
                              << index.data(Qt::ToolTipRole).toString();
                        if (c == 0 && model->hasChildren(index))
                            walk(index);
                    }
                }
            };
            walk(QModelIndex());
        }
    }
    return texts;
}

QWidget *fieldOf(QWidget *dialog, const QString &label)
{
    const auto labels = dialog->findChildren<QLabel *>();
    for (QLabel *candidate : labels) {
        if (withoutMnemonic(candidate->text()) == label)
            return candidate->buddy();
    }
    return nullptr;
}

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

QAction *menuAction(QMainWindow *window, const QString &text)
{
    const auto actions = window->findChildren<QAction *>();
    for (QAction *action : actions) {
        if (withoutMnemonic(action->text()) == text)
            return action;
    }
    return nullptr;
}

void answerNextPrompt(QObject *context, const QString &label, bool *asked)
{
    whenModal<QMessageBox>(context, [label, asked](QMessageBox *box) {
        const auto buttons = box->buttons();
        for (QAbstractButton *button : buttons) {
            if (withoutMnemonic(button->text()) == label) {
                if (asked)
                    *asked = true;
                button->click();
                return true;
            }
        }
        return false;
    });
}

} // namespace widgetdriver
