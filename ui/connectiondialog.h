#pragma once

#include "core/config/bind.h"

#include <QDialog>

class ConnectionTest;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QRadioButton;
class ThreadReaper;

// Add or edit a bind: a name, a database URL (typed as a URL or field by
// field), the pool options and read-only, with "Test connection". The password
// is never shown again once typed; it goes to the keychain when asked.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT

public:
    // takenNames: names the new bind must not use. reaper sees the test
    // connection's close through when the dialog goes first; it must
    // outlive the dialog.
    ConnectionDialog(const QStringList &takenNames, ThreadReaper *reaper,
                     QWidget *parent = nullptr);

    void setBind(const Bind &bind);
    // Valid only after accept().
    Bind bind() const { return m_result; }
    bool rememberPassword() const;
    // Checks the form; the message says what to fix.
    bool validate(QString *message) const;
    // Starts a connection test; the outcome shows in the dialog.
    void testConnection();
    QString testOutcome() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *urlEdit() const { return m_url; }

    void accept() override;

private:
    void setUpFields();
    void buildAddressPages();
    void setPoolDefaults();
    QGroupBox *buildPoolGroup();
    void buildLayout(QGroupBox *pool, QDialogButtonBox *buttons);
    void connectSignals(QDialogButtonBox *buttons, QPushButton *test);
    bool buildBind(Bind *bind, QString *message) const;
    void updateFieldMode();
    // Once typed, a password in the URL field shows as *** and is kept aside.
    void hideUrlPassword();

    QStringList m_taken;
    Bind m_result;
    QLineEdit *m_name;
    QRadioButton *m_byUrl;
    QRadioButton *m_byFields;
    QStackedWidget *m_stack;
    QLineEdit *m_url;
    QComboBox *m_dialect;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QSpinBox *m_poolSize;
    QSpinBox *m_maxOverflow;
    QDoubleSpinBox *m_timeout;
    QDoubleSpinBox *m_recycle;
    QCheckBox *m_prePing;
    QCheckBox *m_lifo;
    QDoubleSpinBox *m_leakThreshold;
    QSpinBox *m_connectTimeout;
    QCheckBox *m_readOnly;
    QCheckBox *m_remember;
    QLabel *m_outcome;
    ConnectionTest *m_test;
    QString m_urlPassword; // what the URL field shows as ***
};
