#pragma once

#include "core/config/url.h"

#include <QtGlobal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace testsupport {

// A TCP server on 127.0.0.1 that never says a word: the kernel completes
// every handshake into the listen backlog, nobody ever accepts or answers.
// What a client sees of a hung server, or of a firewall that swallows replies.
class SilentServer final
{
public:
    SilentServer()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK); // loopback only, always
        address.sin_port = 0;
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), length) != 0 ||
            ::listen(m_fd, 64) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
    }
    ~SilentServer()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    SilentServer(const SilentServer &) = delete;
    SilentServer &operator=(const SilentServer &) = delete;

    bool isListening() const { return m_port > 0; }
    int port() const { return m_port; }
    // url (of a real test server) with this server's port instead.
    Url redirected(const Url &url) const
    {
        return *Url::parse(url.render(false).replace(QStringLiteral(":%1/").arg(url.port()),
                                                     QStringLiteral(":%1/").arg(m_port)));
    }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace testsupport
