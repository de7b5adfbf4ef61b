#pragma once

#include "core/import/importoptions.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

class Engine;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTableWidget;
class QToolButton;
class Session;
struct ImportPreview;
struct ImportResult;

// File › Import CSV: a file into a table of one bind, new or existing. Before
// anything runs it shows what will happen: the file's columns with the types a
// new table gets (names and types editable), or where each goes in the
// existing table, and the first values. Then the file streams in on a
// connection of the dialog's own, with progress and cancel; a failed or
// cancelled import leaves the table as it was. Reading the file and the table
// happens on that connection's worker, never on the GUI thread.
class ImportDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(Engine *engine, QWidget *parent = nullptr);
    ~ImportDialog() override;

    QLineEdit *pathEdit() const { return m_path; }
    QLineEdit *tableEdit() const { return m_table; }
    QComboBox *delimiterBox() const { return m_delimiter; }
    QCheckBox *headerBox() const { return m_header; }
    QLineEdit *nullEdit() const { return m_null; }
    QRadioButton *createButton() const { return m_create; }
    QRadioButton *existingButton() const { return m_existing; }
    QTableWidget *columnsTable() const { return m_columns; }
    QPushButton *importButton() const { return m_start; }
    QString outcome() const;
    bool isBusy() const;
    bool isPreviewed() const { return m_previewed; }

    // Reads the file (and the table, when there is one) again.
    void preview();
    void startImport();
    void cancelImport();
    // Esc and the title bar's close: refused while an import runs.
    void reject() override;

Q_SIGNALS:
    void previewShown();
    // ok: rows went in; the schema may have a new table.
    void importFinished(bool ok, const QString &message);

private:
    void connectFields(QToolButton *browse, QDialogButtonBox *buttons);
    ImportOptions options() const;
    void showPreview(const ImportPreview &preview);
    void finish(const ImportResult &result, const QString &error);
    // A progress line, with the reason the dialog stayed open once Esc or the
    // title bar's close was refused.
    void showProgress(const QString &text);
    void updateButtons();
    void schedulePreview();

    QPointer<Engine> m_engine;
    Session *m_session;
    QLineEdit *m_path;
    QComboBox *m_delimiter;
    QCheckBox *m_header;
    QLineEdit *m_null;
    QLineEdit *m_table;
    QRadioButton *m_create;
    QRadioButton *m_existing;
    QTableWidget *m_columns;
    QLabel *m_status;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QPushButton *m_close;
    QTimer m_previewTimer;
    QString m_progress;
    bool m_importing = false;
    bool m_previewing = false;
    bool m_previewAgain = false;
    bool m_previewed = false;
    bool m_ready = false;
    bool m_closeRefused = false;
};
