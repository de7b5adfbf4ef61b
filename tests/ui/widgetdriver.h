#pragma once

// Finding, reading and typing into the widgets of a real window the way a
// person would, for the GUI tests that walk whole flows.
#include <QApplication>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <functional>

class QAction;
class QLineEdit;
class QMainWindow;

namespace widgetdriver {

// A label or action text without its '&' mnemonic marks.
QString withoutMnemonic(QString text);
// Everything on screen that a person (or a screen reader) could read: titles,
// labels, buttons, plain line edits (not password fields), text views, tab
// titles, status bars, and every cell and tooltip of every item view.
QStringList screenTexts();
// The field a dialog's label (its text without mnemonic) is the buddy of.
QWidget *fieldOf(QWidget *dialog, const QString &label);
// Clears edit and types text into it, key by key.
void typeInto(QLineEdit *edit, const QString &text);
QAction *menuAction(QMainWindow *window, const QString &text);

// Polls for a modal widget of type T and hands it to act once; act returns
// true when it has dealt with it.
template<typename T>
void whenModal(QObject *context, std::function<bool(T *)> act)
{
    auto *poll = new QTimer(context);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, context, [poll, act] {
        if (auto *widget = qobject_cast<T *>(QApplication::activeModalWidget())) {
            if (act(widget)) {
                poll->stop();
                poll->deleteLater();
            }
        }
    });
    poll->start();
}

// Clicks the button labelled label (without mnemonic) on the next message
// box that comes; *asked, when given, becomes true then.
void answerNextPrompt(QObject *context, const QString &label, bool *asked = nullptr);

// The child of type T whose text (without mnemonic) is text.
template<typename T>
T *childWithText(QWidget *parent, const QString &text)
{
    const auto children = parent->findChildren<T *>();
    for (T *child : children) {
        if (withoutMnemonic(child->text()) == text)
            return child;
    }
    return nullptr;
}

} // namespace widgetdriver
