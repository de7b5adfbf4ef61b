#include "ui/connectiondialog.h"

#include "core/pool/connectiontest.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

ConnectionDialog::ConnectionDialog(const QStringList &takenNames, ThreadReaper *reaper,
                                   QWidget *parent)
    : QDialog(parent)
    , m_taken(takenNames)
    , m_name(new QLineEdit(this))
    , m_byUrl(new QRadioButton(tr("By URL"), this))
    , m_byFields(new QRadioButton(tr("By fields"), this))
    , m_stack(new QStackedWidget(this))
    , m_url(new QLineEdit(this))
    , m_dialect(new QComboBox(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_poolSize(new QSpinBox(this))
    , m_maxOverflow(new QSpinBox(this))
    , m_timeout(new QDoubleSpinBox(this))
    , m_recycle(new QDoubleSpinBox(this))
    , m_prePing(
          new QCheckBox(tr("pool_pre_ping: test each connection before handing it out"), this))
    , m_lifo(new QCheckBox(tr("pool_use_lifo: reuse the most recently returned connection first"),
                           this))
    , m_leakThreshold(new QDoubleSpinBox(this))
    , m_connectTimeout(new QSpinBox(this))
    , m_readOnly(new QCheckBox(tr("Read-only (enforced by the server or driver)"), this))
    , m_remember(new QCheckBox(tr("Remember the password in the system keychain"), this))
    , m_outcome(new QLabel(this))
    , m_test(new ConnectionTest(reaper, this))
{
    setWindowTitle(tr("Bind"));
    setUpFields();
    buildAddressPages();
    setPoolDefaults();
    QGroupBox *pool = buildPoolGroup();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *test = buttons->addButton(tr("Test Connection"), QDialogButtonBox::ActionRole);
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buildLayout(pool, buttons);
    connectSignals(buttons, test);
    updateFieldMode();
}

void ConnectionDialog::setUpFields()
{
    m_name->setPlaceholderText(tr("default"));
    m_url->setPlaceholderText(QStringLiteral("postgresql://user:password@localhost:5432/mydb"));
    m_url->setToolTip(tr("A SQLAlchemy URL: dialect[+driver]://user:password@host:port/database, "
                         "sqlite:///relative.db, sqlite:////absolute.db or sqlite:// for memory"));
    m_dialect->addItem(tr("PostgreSQL"), QStringLiteral("postgresql"));
    m_dialect->addItem(tr("MySQL/MariaDB"), QStringLiteral("mysql"));
    m_dialect->addItem(tr("SQLite"), QStringLiteral("sqlite"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("default"));
    m_password->setEchoMode(QLineEdit::Password);
    m_byUrl->setChecked(true);
}

void ConnectionDialog::buildAddressPages()
{
    auto *urlPage = new QWidget(this);
    auto *urlForm = new QFormLayout(urlPage);
    urlForm->addRow(tr("URL:"), m_url);
    auto *fieldsPage = new QWidget(this);
    auto *fieldsForm = new QFormLayout(fieldsPage);
    fieldsForm->addRow(tr("Database type:"), m_dialect);
    fieldsForm->addRow(tr("Host:"), m_host);
    fieldsForm->addRow(tr("Port:"), m_port);
    fieldsForm->addRow(tr("Database or file:"), m_database);
    fieldsForm->addRow(tr("User:"), m_user);
    fieldsForm->addRow(tr("Password:"), m_password);
    m_stack->addWidget(urlPage);
    m_stack->addWidget(fieldsPage);
}

void ConnectionDialog::setPoolDefaults()
{
    const PoolOptions defaults;
    m_poolSize->setRange(0, 1000);
    m_poolSize->setValue(defaults.poolSize);
    m_maxOverflow->setRange(-1, 1000);
    m_maxOverflow->setSpecialValueText(tr("no limit"));
    m_maxOverflow->setValue(defaults.maxOverflow);
    m_timeout->setRange(0, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(defaults.timeout);
    m_recycle->setRange(-1, 86400);
    m_recycle->setSpecialValueText(tr("never"));
    m_recycle->setSuffix(tr(" s"));
    m_recycle->setValue(defaults.recycle);
    m_leakThreshold->setRange(0, 86400);
    m_leakThreshold->setSpecialValueText(tr("off"));
    m_leakThreshold->setSuffix(tr(" s"));
    m_leakThreshold->setValue(defaults.leakThreshold);
    m_connectTimeout->setRange(1, 600);
    m_connectTimeout->setSuffix(tr(" s"));
    m_connectTimeout->setValue(defaults.connectTimeout);
}

QGroupBox *ConnectionDialog::buildPoolGroup()
{
    auto *pool = new QGroupBox(tr("Pool (SQLAlchemy QueuePool)"), this);
    auto *poolForm = new QFormLayout(pool);
    poolForm->addRow(tr("pool_size:"), m_poolSize);
    poolForm->addRow(tr("max_overflow:"), m_maxOverflow);
    poolForm->addRow(tr("pool_timeout:"), m_timeout);
    poolForm->addRow(tr("pool_recycle:"), m_recycle);
    poolForm->addRow(m_prePing);
    poolForm->addRow(m_lifo);
    poolForm->addRow(tr("Leak threshold:"), m_leakThreshold);
    poolForm->addRow(tr("Connect timeout:"), m_connectTimeout);
    return pool;
}

void ConnectionDialog::buildLayout(QGroupBox *pool, QDialogButtonBox *buttons)
{
    auto *top = new QFormLayout;
    top->addRow(tr("Name:"), m_name);
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_byUrl);
    modeRow->addWidget(m_byFields);
    modeRow->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(modeRow);
    layout->addWidget(m_stack);
    layout->addWidget(pool);
    layout->addWidget(m_readOnly);
    layout->addWidget(m_remember);
    layout->addWidget(m_outcome);
    layout->addWidget(buttons);
}

void ConnectionDialog::connectSignals(QDialogButtonBox *buttons, QPushButton *test)
{
    connect(m_url, &QLineEdit::editingFinished, this, &ConnectionDialog::hideUrlPassword);
    connect(m_byUrl, &QRadioButton::toggled, this, &ConnectionDialog::updateFieldMode);
    connect(m_dialect, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateFieldMode);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_test, &ConnectionTest::finished, this, [this](bool ok, const QString &message) {
        m_outcome->setText(ok ? tr("Connected: %1").arg(message) : message);
    });
}

void ConnectionDialog::updateFieldMode()
{
    m_stack->setCurrentIndex(m_byUrl->isChecked() ? 0 : 1);
    const bool sqlite = m_dialect->currentData().toString() == QLatin1String("sqlite");
    for (QWidget *field : std::initializer_list<QWidget *>{m_host, m_port, m_user, m_password})
        field->setEnabled(!sqlite);
}

void ConnectionDialog::setBind(const Bind &bind)
{
    m_name->setText(bind.name);
    m_taken.removeAll(bind.name);
    m_url->setText(bind.url.render(false));
    hideUrlPassword();
    m_byUrl->setChecked(true);
    const PoolOptions &o = bind.options;
    m_poolSize->setValue(o.poolSize);
    m_maxOverflow->setValue(o.maxOverflow);
    m_timeout->setValue(o.timeout);
    m_recycle->setValue(o.recycle);
    m_prePing->setChecked(o.prePing);
    m_lifo->setChecked(o.lifo);
    m_leakThreshold->setValue(o.leakThreshold);
    m_connectTimeout->setValue(o.connectTimeout);
    m_readOnly->setChecked(o.readOnly);
}

void ConnectionDialog::hideUrlPassword()
{
    const QString text = m_url->text().trimmed();
    const auto url = Url::parse(text);
    if (!url || !url->hasPassword() || url->password() == QLatin1String("***"))
        return;
    // Only the user-info part changes; the rest stays as typed, and must
    // still mean the same URL.
    const QString hidden = Url::redact(text);
    const auto check = Url::parse(hidden);
    if (!check || !(check->withoutPassword() == url->withoutPassword()))
        return;
    m_urlPassword = url->password();
    m_url->setText(hidden);
}

bool ConnectionDialog::rememberPassword() const
{
    return m_remember->isChecked();
}

bool ConnectionDialog::buildBind(Bind *bind, QString *message) const
{
    bind->name = m_name->text().trimmed();
    if (bind->name.isEmpty()) {
        *message = tr("Give the bind a name, such as default.");
        return false;
    }
    if (m_taken.contains(bind->name)) {
        *message = tr("There is already a bind named %1.").arg(bind->name);
        return false;
    }
    QString text;
    if (m_byUrl->isChecked()) {
        text = m_url->text().trimmed();
    } else {
        const QString dialect = m_dialect->currentData().toString();
        if (dialect == QLatin1String("sqlite")) {
            const QString file = m_database->text().trimmed();
            text =
                file.isEmpty() ? QStringLiteral("sqlite://") : QStringLiteral("sqlite:///") + file;
        } else {
            text = dialect + QStringLiteral("://");
            const QString user = m_user->text();
            if (!user.isEmpty()) {
                text += QString::fromLatin1(user.toUtf8().toPercentEncoding());
                if (!m_password->text().isEmpty())
                    text += QLatin1Char(':') +
                            QString::fromLatin1(m_password->text().toUtf8().toPercentEncoding());
                text += QLatin1Char('@');
            }
            const QString host = m_host->text().trimmed();
            text +=
                host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
            if (m_port->value() > 0)
                text += QLatin1Char(':') + QString::number(m_port->value());
            text += QLatin1Char('/') + m_database->text().trimmed();
        }
    }
    auto url = Url::parse(text, message);
    if (!url)
        return false;
    if (m_byUrl->isChecked() && url->hasPassword() && url->password() == QLatin1String("***") &&
        !m_urlPassword.isEmpty())
        url->setPassword(m_urlPassword);
    bind->url = *url;
    PoolOptions &o = bind->options;
    o.poolSize = m_poolSize->value();
    o.maxOverflow = m_maxOverflow->value();
    o.timeout = m_timeout->value();
    o.recycle = m_recycle->value();
    o.prePing = m_prePing->isChecked();
    o.lifo = m_lifo->isChecked();
    o.leakThreshold = m_leakThreshold->value();
    o.connectTimeout = m_connectTimeout->value();
    o.readOnly = m_readOnly->isChecked();
    const QString problem = o.validate();
    if (!problem.isEmpty()) {
        *message = problem;
        return false;
    }
    return true;
}

bool ConnectionDialog::validate(QString *message) const
{
    Bind bind;
    return buildBind(&bind, message);
}

void ConnectionDialog::accept()
{
    hideUrlPassword();
    QString message;
    if (!buildBind(&m_result, &message)) {
        m_outcome->setText(message);
        return;
    }
    QDialog::accept();
}

void ConnectionDialog::testConnection()
{
    hideUrlPassword();
    Bind bind;
    QString message;
    if (!buildBind(&bind, &message)) {
        m_outcome->setText(message);
        return;
    }
    bind.name = tr("test");
    m_outcome->setText(tr("Connecting to %1…").arg(bind.url.toDisplayString()));
    m_test->start(bind);
}

QString ConnectionDialog::testOutcome() const
{
    return m_outcome->text();
}
