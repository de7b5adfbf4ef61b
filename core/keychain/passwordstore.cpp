#include "core/keychain/passwordstore.h"

#include <QPointer>
#include <qt6keychain/keychain.h>

PasswordStore::PasswordStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

void PasswordStore::read(const QString &bind, QObject *context,
                         std::function<void(bool, const QString &)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(QStringLiteral("bind/") + bind);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this,
            [guard, done = std::move(done)](QKeychain::Job *finished) {
                if (!guard)
                    return;
                auto *reader = static_cast<QKeychain::ReadPasswordJob *>(finished);
                const bool ok = reader->error() == QKeychain::NoError;
                done(ok, ok ? reader->textData() : QString());
            });
    job->start();
}

void PasswordStore::write(const QString &bind, const QString &password, QObject *context,
                          std::function<void(bool, const QString &)> done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(QStringLiteral("bind/") + bind);
    job->setTextData(password);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this,
            [guard, done = std::move(done)](QKeychain::Job *finished) {
                if (guard && done)
                    done(finished->error() == QKeychain::NoError, finished->errorString());
            });
    job->start();
}

void PasswordStore::remove(const QString &bind)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(QStringLiteral("bind/") + bind);
    job->start();
}
