"""A client program of its own: connects to the URL in argv[1] (over the Unix
socket at argv[2] when given), opens a transaction, prints its session's
server id and holds everything until its stdin closes. Tests ask poolscope
which local process a session belongs to; this is the answer. With --commit
it ends its transaction before it waits: the well-behaved client."""

import sys
from urllib.parse import unquote, urlsplit


def connect(url, socket):
    user = unquote(url.username or "")
    password = unquote(url.password or "")
    database = url.path.lstrip("/")
    if url.scheme.startswith("postgres"):
        import psycopg2

        # psycopg2 opens a transaction with the first statement.
        connection = psycopg2.connect(host=socket or url.hostname, port=url.port or 5432,
                                      user=user, password=password, dbname=database)
        cursor = connection.cursor()
        cursor.execute("SELECT pg_backend_pid()")
    else:
        import pymysql

        options = {"unix_socket": socket} if socket else {"host": url.hostname,
                                                           "port": url.port or 3306}
        connection = pymysql.connect(user=user, password=password, database=database, **options)
        cursor = connection.cursor()
        cursor.execute("START TRANSACTION")
        cursor.execute("SELECT CONNECTION_ID()")
    return connection, cursor.fetchone()[0]


def main():
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    url = urlsplit(arguments[0])
    socket = arguments[1] if len(arguments) > 1 else None
    connection, server_id = connect(url, socket)
    if "--commit" in sys.argv[1:]:
        connection.commit()
    print(server_id, flush=True)
    sys.stdin.read()
    connection.close()


if __name__ == "__main__":
    main()
