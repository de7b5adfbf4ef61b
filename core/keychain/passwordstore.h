#pragma once

#include <QObject>

#include <functional>

// Bind passwords in the system keychain (Secret Service, KWallet) through
// QtKeychain; asynchronous, never blocks. With no keychain every call reports
// failure and the GUI asks for the password at each start instead. There is
// no plaintext fallback, on purpose.
class PasswordStore final : public QObject
{
    Q_OBJECT

public:
    explicit PasswordStore(const QString &service = QStringLiteral("poolscope"),
                           QObject *parent = nullptr);

    // found is false when there is no keychain or no password for bind.
    void read(const QString &bind, QObject *context,
              std::function<void(bool found, const QString &password)> done);
    void write(const QString &bind, const QString &password, QObject *context,
               std::function<void(bool ok, const QString &error)> done);
    void remove(const QString &bind);

private:
    QString m_service;
};
