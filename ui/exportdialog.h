#pragma once

#include <QDialog>
#include <QPointer>

class ModelExporter;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class SessionTab;
class ThreadReaper;

// Exports a tab's result: the format, the file, and explicitly either
// "run the query again" (every row, whole values, streamed in constant
// memory on the tab's connection) or "the rows already fetched"; with progress
// and cancel. A failed or cancelled export leaves no file behind.
class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    // reaper takes a rows-so-far export still writing when the dialog goes;
    // it must outlive the dialog.
    ExportDialog(SessionTab *tab, ThreadReaper *reaper, QWidget *parent = nullptr);

    QLineEdit *pathEdit() const { return m_path; }
    QComboBox *formatBox() const { return m_format; }
    QRadioButton *rerunButton() const { return m_rerun; }
    QRadioButton *fetchedButton() const { return m_fetched; }
    // Starts the export with the form's choices.
    void startExport();
    void cancelExport();
    bool isRunning() const { return m_running; }
    QString outcome() const;
    // Esc and the title bar's close (QDialog::closeEvent calls reject()):
    // refused while an export runs, as the disabled Close button shows;
    // Cancel Export stops it.
    void reject() override;

Q_SIGNALS:
    void exportFinished(bool ok, const QString &message);

private:
    void finish(bool ok, qint64 rows, const QString &error, bool cancelled);
    void setRunning(bool running);
    // A progress line, with the reason the dialog stayed open once Esc or
    // the title bar's close was refused.
    void showProgress(const QString &text);
    void suggestPath();

    QPointer<SessionTab> m_tab;
    ThreadReaper *m_reaper;
    QComboBox *m_format;
    QLineEdit *m_path;
    QRadioButton *m_rerun;
    QRadioButton *m_fetched;
    QCheckBox *m_header;
    QLineEdit *m_table;
    QProgressBar *m_progress;
    QLabel *m_outcome;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QPushButton *m_close;
    QDialogButtonBox *m_buttons;
    ModelExporter *m_modelExporter = nullptr;
    bool m_running = false;
    bool m_viaSession = false;
    bool m_closeRefused = false;
    QString m_progressText;
};
