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

// Exports a tab's result: the format, the file, and explicitly either
// "run the query again" (every row, whole values, streamed in constant
// memory on the tab's connection) or "the rows already fetched"; with progress
// and cancel. A failed or cancelled export leaves no file behind.
class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ExportDialog(SessionTab *tab, QWidget *parent = nullptr);

    QLineEdit *pathEdit() const { return m_path; }
    QComboBox *formatBox() const { return m_format; }
    QRadioButton *rerunButton() const { return m_rerun; }
    QRadioButton *fetchedButton() const { return m_fetched; }
    // Starts the export with the form's choices.
    void startExport();
    void cancelExport();
    bool isRunning() const { return m_running; }
    QString outcome() const;
    // Esc and the Close button: refused while an export runs (Cancel stops it).
    void reject() override;

Q_SIGNALS:
    void exportFinished(bool ok, const QString &message);

protected:
    // The title bar's close: the same rule as reject().
    void closeEvent(QCloseEvent *event) override;

private:
    void finish(bool ok, qint64 rows, const QString &error, bool cancelled);
    void setRunning(bool running);
    void suggestPath();

    QPointer<SessionTab> m_tab;
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
    QDialogButtonBox *m_buttons;
    ModelExporter *m_modelExporter = nullptr;
    bool m_running = false;
    bool m_viaSession = false;
};
