<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppTreeModel</name>
    <message>
        <source>server pid %1</source>
        <translation>服务器 PID %1</translation>
    </message>
    <message>
        <source>connection %1</source>
        <translation>连接 %1</translation>
    </message>
    <message>
        <source>checked out for %1</source>
        <translation>已借出 %1</translation>
    </message>
    <message>
        <source> · SUSPECTED LEAK</source>
        <translation> · 疑似泄漏</translation>
    </message>
    <message>
        <source>idle · open for %1</source>
        <translation>空闲 · 已打开 %1</translation>
    </message>
    <message>
        <source>engine %1</source>
        <translation>引擎 %1</translation>
    </message>
    <message>
        <source> · pool_size %1</source>
        <translation> · pool_size %1</translation>
    </message>
    <message>
        <source> · max_overflow %1</source>
        <translation> · max_overflow %1</translation>
    </message>
    <message>
        <source>pool</source>
        <translation>连接池</translation>
    </message>
    <message>
        <source>Python %1 · SQLAlchemy %2</source>
        <translation>Python %1 · SQLAlchemy %2</translation>
    </message>
    <message>
        <source> · %1 messages lost</source>
        <translation> · 丢失 %1 条消息</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>PID %1</translation>
    </message>
    <message>
        <source>unknown code</source>
        <translation>未知代码</translation>
    </message>
    <message>
        <source>LEAKED: never closed, collected %1 ago</source>
        <translation>已泄漏：从未关闭，%1 前被垃圾回收</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n 个进程</numerusform>
        </translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应用程序</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>ApplyTask</name>
    <message>
        <source>%1 Nothing was applied: the transaction was rolled back.</source>
        <translation>%1 没有应用任何更改：事务已回滚。</translation>
    </message>
    <message>
        <source>The transaction could not start: %1</source>
        <translation>无法开始事务：%1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Row %1 was changed or deleted since it was read: its statement found no row.</source>
        <translation>第 %1 行在读取后已被修改或删除：其语句未找到该行。</translation>
    </message>
    <message numerus="yes">
        <source>Row %1&apos;s statement touched %n row(s), not one.</source>
        <translation>
            <numerusform>第 %1 行的语句影响了 %n 行，而不是一行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>The commit failed: %1</source>
        <translation>提交失败：%1</translation>
    </message>
</context>
<context>
    <name>BindTreeModel</name>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>checked out</source>
        <translation>已借出</translation>
    </message>
    <message>
        <source>resetting</source>
        <translation>正在重置</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>正在关闭</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>in transaction since %1</source>
        <translation>事务开始于 %1</translation>
    </message>
    <message>
        <source>no transaction</source>
        <translation>无事务</translation>
    </message>
    <message>
        <source>running: %1</source>
        <translation>正在执行：%1</translation>
    </message>
    <message>
        <source>last: %1</source>
        <translation>上一条：%1</translation>
    </message>
    <message>
        <source>in transaction</source>
        <translation>事务中</translation>
    </message>
    <message>
        <source>SUSPECTED LEAK</source>
        <translation>疑似泄漏</translation>
    </message>
    <message>
        <source>age %1 s</source>
        <translation>已连接 %1 秒</translation>
    </message>
    <message>
        <source>session %1</source>
        <translation>会话 %1</translation>
    </message>
    <message>
        <source>engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>pool (static)</source>
        <translation>连接池（静态）</translation>
    </message>
    <message>
        <source>pool</source>
        <translation>连接池</translation>
    </message>
    <message>
        <source>Bind</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>%1 out</source>
        <translation>%1 个借出</translation>
    </message>
    <message>
        <source>%1 idle</source>
        <translation>%1 个空闲</translation>
    </message>
    <message>
        <source>%1 overflow</source>
        <translation>%1 个溢出</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>%1 个等待</translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation>上限 %1</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>A sqlite:// memory database lives in one connection, lent to one session at a time, and never closed while the bind exists.</source>
        <translation>sqlite:// 内存数据库只存在于一个连接中，每次只借给一个会话，且在绑定存在期间从不关闭。</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>#%1 · pid %2</source>
        <translation>#%1 · pid %2</translation>
    </message>
    <message>
        <source>#%1 · id %2</source>
        <translation>#%1 · id %2</translation>
    </message>
    <message>
        <source>out to %1 for %2 s</source>
        <translation>借给 %1，已 %2 秒</translation>
    </message>
    <message>
        <source>checked out by %1 for %2 s</source>
        <translation>由 %1 借出，已 %2 秒</translation>
    </message>
    <message>
        <source>connected %1 s ago</source>
        <translation>%1 秒前连接</translation>
    </message>
    <message>
        <source>PgBouncer pool %1/%2</source>
        <translation>PgBouncer 池 %1/%2</translation>
    </message>
    <message>
        <source>%1 mode</source>
        <translation>%1 模式</translation>
    </message>
    <message numerus="yes">
        <source>%n active client(s)</source>
        <translation>
            <numerusform>%n 个活动客户端</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for %1 s</source>
        <translation>
            <numerusform>%n 个已等待 %1 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>servers %1 active, %2 idle</source>
        <translation>服务器 %1 个活动，%2 个空闲</translation>
    </message>
</context>
<context>
    <name>BindsDock</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Add a bind: a name for a database URL and its pool options</source>
        <translation>添加绑定：为数据库 URL 及其连接池选项起一个名称</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Dispose</source>
        <translation>释放</translation>
    </message>
    <message>
        <source>Close every pooled connection of the bind (Engine.dispose())</source>
        <translation>关闭该绑定连接池中的所有连接（Engine.dispose()）</translation>
    </message>
    <message>
        <source>New Tab</source>
        <translation>新建标签页</translation>
    </message>
</context>
<context>
    <name>CatalogReader</name>
    <message>
        <source>Reading the schema failed: %1</source>
        <translation>读取模式失败：%1</translation>
    </message>
</context>
<context>
    <name>ClientLibrary</name>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
    <message>
        <source>%1 lacks %2</source>
        <translation>%1 缺少 %2</translation>
    </message>
</context>
<context>
    <name>ColumnFilter</name>
    <message>
        <source>A value must follow %1</source>
        <translation>%1 之后必须跟一个值</translation>
    </message>
    <message>
        <source>A range is written from..to, like 1..10</source>
        <translation>范围写作 起..止，例如 1..10</translation>
    </message>
    <message>
        <source>abc: contains · =abc · !=abc · &lt;5 · &lt;=5 · &gt;5 · &gt;=5 · 1..10: between · NULL · NOT NULL · ~text: contains, as typed</source>
        <translation>abc：包含 · =abc · !=abc · &lt;5 · &lt;=5 · &gt;5 · &gt;=5 · 1..10：介于 · NULL · NOT NULL · ~文本：按原样包含</translation>
    </message>
</context>
<context>
    <name>CommitAll</name>
    <message>
        <source>closed before its commit answered</source>
        <translation>在提交得到答复前已关闭</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>By URL</source>
        <translation>使用 URL</translation>
    </message>
    <message>
        <source>By fields</source>
        <translation>逐项填写</translation>
    </message>
    <message>
        <source>pool_pre_ping: test each connection before handing it out</source>
        <translation>pool_pre_ping：借出前先检测连接是否可用</translation>
    </message>
    <message>
        <source>pool_use_lifo: reuse the most recently returned connection first</source>
        <translation>pool_use_lifo：优先复用最近归还的连接</translation>
    </message>
    <message>
        <source>Read-only (enforced by the server or driver)</source>
        <translation>只读（由服务器或驱动强制执行）</translation>
    </message>
    <message>
        <source>Remember the password in the system keychain</source>
        <translation>在系统密钥环中记住密码</translation>
    </message>
    <message>
        <source>Bind</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>default</source>
        <translation>default</translation>
    </message>
    <message>
        <source>A SQLAlchemy URL: dialect[+driver]://user:password@host:port/database, sqlite:///relative.db, sqlite:////absolute.db or sqlite:// for memory</source>
        <translation>SQLAlchemy URL：dialect[+driver]://user:password@host:port/database、sqlite:///relative.db、sqlite:////absolute.db，或表示内存数据库的 sqlite://</translation>
    </message>
    <message>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <source>MySQL/MariaDB</source>
        <translation>MySQL/MariaDB</translation>
    </message>
    <message>
        <source>SQLite</source>
        <translation>SQLite</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL：</translation>
    </message>
    <message>
        <source>Database type:</source>
        <translation>数据库类型：</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Database or file:</source>
        <translation>数据库或文件：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Pool (SQLAlchemy QueuePool)</source>
        <translation>连接池（SQLAlchemy QueuePool）</translation>
    </message>
    <message>
        <source>pool_size:</source>
        <translation>pool_size：</translation>
    </message>
    <message>
        <source>max_overflow:</source>
        <translation>max_overflow：</translation>
    </message>
    <message>
        <source>pool_timeout:</source>
        <translation>pool_timeout：</translation>
    </message>
    <message>
        <source>pool_recycle:</source>
        <translation>pool_recycle：</translation>
    </message>
    <message>
        <source>Leak threshold:</source>
        <translation>泄漏阈值：</translation>
    </message>
    <message>
        <source>Connect timeout:</source>
        <translation>连接超时：</translation>
    </message>
    <message>
        <source>Test Connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Give the bind a name, such as default.</source>
        <translation>请为绑定起一个名称，例如 default。</translation>
    </message>
    <message>
        <source>There is already a bind named %1.</source>
        <translation>已存在名为 %1 的绑定。</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>已连接：%1</translation>
    </message>
</context>
<context>
    <name>ConnectionWorker</name>
    <message>
        <source>The Qt SQL driver %1 is not installed.</source>
        <translation>未安装 Qt SQL 驱动 %1。</translation>
    </message>
    <message>
        <source>Cannot open %1: the folder %2 does not exist.</source>
        <translation>无法打开 %1：文件夹 %2 不存在。</translation>
    </message>
    <message>
        <source>no answer within the connect timeout of %1 s (%2)</source>
        <translation>在 %1 秒的连接超时内没有响应（%2）</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>The %1 driver gave no native handle.</source>
        <translation>%1 驱动未提供原生句柄。</translation>
    </message>
    <message>
        <source>Cannot make the connection read-only: %1</source>
        <translation>无法将连接设为只读：%1</translation>
    </message>
    <message>
        <source>the server ended the session</source>
        <translation>服务器结束了会话</translation>
    </message>
    <message>
        <source>the session switched its read-only mode off</source>
        <translation>会话关闭了只读模式</translation>
    </message>
    <message>
        <source>This connection switched its read-only mode off and is being closed.</source>
        <translation>此连接关闭了只读模式，正在被关闭。</translation>
    </message>
    <message>
        <source>The connection is closed.</source>
        <translation>连接已关闭。</translation>
    </message>
    <message>
        <source>Statement cancelled</source>
        <translation>语句已取消</translation>
    </message>
    <message>
        <source>the connection to the server broke</source>
        <translation>与服务器的连接已中断</translation>
    </message>
    <message>
        <source> (PgBouncer&apos;s admin console admits only the users listed in its admin_users and stats_users)</source>
        <translation>（PgBouncer 的管理控制台只接受其 admin_users 和 stats_users 中列出的用户）</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>line %1: a quoted field is not closed before the end of the file</source>
        <translation>第 %1 行：带引号的字段直到文件结尾都没有闭合</translation>
    </message>
</context>
<context>
    <name>DemoDatabase</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>The demo database script is missing from this build.</source>
        <translation>此版本缺少演示数据库脚本。</translation>
    </message>
    <message>
        <source>Cannot create the demo database %1: %2</source>
        <translation>无法创建演示数据库 %1：%2</translation>
    </message>
    <message>
        <source>Cannot move the demo database to %1.</source>
        <translation>无法将演示数据库移动到 %1。</translation>
    </message>
</context>
<context>
    <name>EditValue</name>
    <message>
        <source>%1 is %2 NOT NULL: it cannot be NULL</source>
        <translation>%1 是 %2 NOT NULL：不能为 NULL</translation>
    </message>
    <message>
        <source>%1 is %2: %3</source>
        <translation>%1 是 %2：%3</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Bind</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>持有者</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>ExplainTask</name>
    <message>
        <source>SQLite measures only the whole statement: its rows and time are on the first line.</source>
        <translation>SQLite 只测量整条语句：其行数和用时显示在第一行。</translation>
    </message>
    <message>
        <source>Rolling back failed: %1</source>
        <translation>回滚失败：%1</translation>
    </message>
    <message>
        <source>There is no statement to explain.</source>
        <translation>没有可解释的语句。</translation>
    </message>
    <message>
        <source>The statement is an EXPLAIN already: explain the statement inside it.</source>
        <translation>该语句本身已是 EXPLAIN：请解释其中的语句。</translation>
    </message>
    <message>
        <source>MySQL gives the plan of an executed statement only as text (EXPLAIN ANALYZE); run that in the editor, or use Explain.</source>
        <translation>MySQL 只以文本形式给出已执行语句的计划（EXPLAIN ANALYZE）；请在编辑器中执行它，或使用“解释”。</translation>
    </message>
    <message>
        <source>The statement may write, so it ran inside a savepoint of the open transaction and was rolled back to it.</source>
        <translation>该语句可能写入数据，因此它在当前事务的一个保存点内执行，并已回滚到该保存点。</translation>
    </message>
    <message>
        <source>The statement may write, so it ran inside a transaction that was rolled back.</source>
        <translation>该语句可能写入数据，因此它在一个事务内执行，该事务已回滚。</translation>
    </message>
    <message>
        <source>Explain takes one statement: select just one, or put the cursor on it.</source>
        <translation>解释只接受一条语句：请只选中一条，或将光标放在该语句上。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Header row</source>
        <translation>标题行</translation>
    </message>
    <message>
        <source>Export Results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>Run the query again: every row, whole values, streamed</source>
        <translation>重新执行查询：全部行、完整值，流式写出</translation>
    </message>
    <message numerus="yes">
        <source>The %n row(s) already fetched</source>
        <translation>
            <numerusform>已获取的 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs this again on the tab&apos;s connection: %1</source>
        <translation>在该标签页的连接上重新执行：%1</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>SQL table name:</source>
        <translation>SQL 表名：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>请选择要导出到的文件。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>The tab is still running a statement; wait for it or cancel it.</source>
        <translation>该标签页仍在执行语句；请等待其完成或将其取消。</translation>
    </message>
    <message>
        <source>%L1 rows written…</source>
        <translation>已写入 %L1 行…</translation>
    </message>
    <message>
        <source>%L1 of %L2 rows written…</source>
        <translation>已写入 %L1 / %L2 行…</translation>
    </message>
    <message>
        <source>Cannot start the export.</source>
        <translation>无法开始导出。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln row(s) to %1.</source>
        <translation>
            <numerusform>已将 %Ln 行导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Export failed: %1 No file was written.</source>
        <translation>导出失败：%1 未写入任何文件。</translation>
    </message>
    <message>
        <source>An export is running: Cancel it first.</source>
        <translation>导出正在进行：请先取消它。</translation>
    </message>
</context>
<context>
    <name>ExportFile</name>
    <message>
        <source>Cannot write to standard output: %1</source>
        <translation>无法写入标准输出：%1</translation>
    </message>
    <message>
        <source>No file name given for the export.</source>
        <translation>未指定导出文件名。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
</context>
<context>
    <name>ExportFormat</name>
    <message>
        <source>JSON Lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <source>SQL INSERT statements</source>
        <translation>SQL INSERT 语句</translation>
    </message>
    <message>
        <source>Markdown table</source>
        <translation>Markdown 表格</translation>
    </message>
</context>
<context>
    <name>ExportWriter</name>
    <message>
        <source>The export has nowhere to write: the output is not open.</source>
        <translation>导出无处可写：输出未打开。</translation>
    </message>
    <message>
        <source>Row %1, column &quot;%2&quot;: the value was cut to %3 of its %4 bytes when it was fetched, and an export must not hold cut values. Export by running the query again.</source>
        <translation>第 %1 行，列“%2”：获取时该值被截断为 %3 字节（共 %4 字节），导出不能包含被截断的值。请选择重新执行查询来导出。</translation>
    </message>
    <message>
        <source>Could not write the export: %1</source>
        <translation>无法写入导出内容：%1</translation>
    </message>
    <message>
        <source>Could not write the export after %1 bytes: %2</source>
        <translation>写入 %1 字节后无法继续写入导出内容：%2</translation>
    </message>
    <message>
        <source>the output accepted no more data</source>
        <translation>输出不再接受数据</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
</context>
<context>
    <name>GuiMain</name>
    <message>
        <source>The demo shop. Put the cursor in a statement and press Ctrl+Enter.</source>
        <translation>演示商店数据库。将光标放在一条语句中，然后按 Ctrl+Enter。</translation>
    </message>
    <message>
        <source>--bind %1: expected NAME=URL</source>
        <translation>--bind %1：应为 NAME=URL 的形式</translation>
    </message>
</context>
<context>
    <name>ImportColumns</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>The file is empty: it has no header.</source>
        <translation>文件为空：没有标题行。</translation>
    </message>
    <message>
        <source>The file has no columns.</source>
        <translation>文件中没有列。</translation>
    </message>
    <message>
        <source>The file&apos;s column &quot;%1&quot; is not a column of %2 (%3).</source>
        <translation>文件中的列“%1”不是 %2 的列（%3）。</translation>
    </message>
    <message>
        <source>The file names the column &quot;%1&quot; twice.</source>
        <translation>文件两次列出了列“%1”。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <source>The first line names the columns</source>
        <translation>第一行是列名</translation>
    </message>
    <message>
        <source>Create a new table</source>
        <translation>创建新表</translation>
    </message>
    <message>
        <source>Into an existing table</source>
        <translation>导入已有的表</translation>
    </message>
    <message>
        <source>Import CSV into %1</source>
        <translation>将 CSV 导入 %1</translation>
    </message>
    <message>
        <source>Comma ,</source>
        <translation>逗号 ,</translation>
    </message>
    <message>
        <source>Semicolon ;</source>
        <translation>分号 ;</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>Bar |</source>
        <translation>竖线 |</translation>
    </message>
    <message>
        <source>an unquoted empty field</source>
        <translation>不带引号的空字段</translation>
    </message>
    <message>
        <source>An unquoted field equal to this is NULL; left empty, an unquoted empty field is NULL and &quot;&quot; an empty string</source>
        <translation>与此相同的不带引号字段视为 NULL；留空时，不带引号的空字段为 NULL，&quot;&quot; 为空字符串</translation>
    </message>
    <message>
        <source>File column</source>
        <translation>文件列</translation>
    </message>
    <message>
        <source>Table column</source>
        <translation>表列</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>前几个值</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Delimiter:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <source>NULL is:</source>
        <translation>NULL 表示为：</translation>
    </message>
    <message>
        <source>Table:</source>
        <translation>表：</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel Import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%L1 rows sent…</source>
        <translation>已发送 %L1 行…</translation>
    </message>
    <message>
        <source>An import is running: Cancel it first.</source>
        <translation>正在导入：请先取消。</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>The connection is busy; try again in a moment.</source>
        <translation>连接正忙，请稍后再试。</translation>
    </message>
    <message>
        <source>not in the table</source>
        <translation>不在表中</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消：未导入任何内容。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln row(s) into %1 in %2 s.</source>
        <translation>
            <numerusform>已将 %Ln 行导入 %1，用时 %2 秒。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Name the table.</source>
        <translation>请为表命名。</translation>
    </message>
    <message>
        <source>%1 exists already: import into it, or name a new table.</source>
        <translation>%1 已存在：请导入到该表，或为新表另起名称。</translation>
    </message>
    <message>
        <source>There is no table %1: create it, or name an existing one.</source>
        <translation>没有表 %1：请创建它，或填写已有的表名。</translation>
    </message>
    <message numerus="yes">
        <source>A new table %1 with these %n column(s); names and types can be changed.</source>
        <translation>
            <numerusform>新表 %1 包含这 %n 列；名称和类型可以修改。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file&apos;s %n column(s) go to the columns of %1 shown.</source>
        <translation>
            <numerusform>文件的 %n 列将导入 %1 中所示的列。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportTask</name>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，列 %2：%3</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message numerus="yes">
        <source>line %1 has %n field(s), %2 were expected.</source>
        <translation>
            <numerusform>第 %1 行有 %n 个字段，应为 %2 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating a table would commit the open transaction on MySQL and MariaDB: commit or roll it back first.</source>
        <translation>在 MySQL 和 MariaDB 上创建表会提交当前未结束的事务：请先提交或回滚。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>poolscope</source>
        <translation>poolscope</translation>
    </message>
    <message>
        <source>Binds</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Pool Monitor</source>
        <translation>连接池监视器</translation>
    </message>
    <message>
        <source>Server Sessions</source>
        <translation>服务器会话</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Double-click a bind or press Ctrl+T for a new session tab</source>
        <translation>双击一个绑定或按 Ctrl+T 新建会话标签页</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Add Bind…</source>
        <translation>添加绑定(&amp;A)…</translation>
    </message>
    <message>
        <source>New Session &amp;Tab</source>
        <translation>新建会话标签页(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Query</source>
        <translation>查询(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run Statement</source>
        <translation>执行语句(&amp;R)</translation>
    </message>
    <message>
        <source>Run &amp;All</source>
        <translation>全部执行(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>In the schema panel: read the schema again; elsewhere: run the tab&apos;s last statement again</source>
        <translation>在模式面板中：重新读取模式；在其他位置：重新执行该标签页的上一条语句</translation>
    </message>
    <message>
        <source>Add a bind first (File › Add Bind)</source>
        <translation>请先添加绑定（文件 › 添加绑定）</translation>
    </message>
    <message>
        <source>Open transactions</source>
        <translation>未结束的事务</translation>
    </message>
    <message numerus="yes">
        <source>%n tab(s) have an open transaction.</source>
        <translation>
            <numerusform>有 %n 个标签页存在未结束的事务。</numerusform>
        </translation>
    </message>
    <message>
        <source>Commit them, roll them back, or keep the window open?</source>
        <translation>要提交、回滚，还是保持窗口打开？</translation>
    </message>
    <message>
        <source>Commit All</source>
        <translation>全部提交</translation>
    </message>
    <message>
        <source>Roll Back All</source>
        <translation>全部回滚</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password for %1 (%2):</source>
        <translation>%1（%2）的密码：</translation>
    </message>
    <message>
        <source>No system keychain: the password will be asked for at the next start</source>
        <translation>没有系统密钥环：下次启动时将再次询问密码</translation>
    </message>
    <message>
        <source>Bind</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>Remove bind</source>
        <translation>移除绑定</translation>
    </message>
    <message>
        <source>Remove the bind %1 and close its tabs and connections?</source>
        <translation>移除绑定 %1 并关闭它的标签页和连接吗？</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: the commit could not start</source>
        <translation>%1：无法开始提交</translation>
    </message>
    <message>
        <source>Commit failed</source>
        <translation>提交失败</translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s) failed; the window stays open.</source>
        <translation>
            <numerusform>%n 个提交失败；窗口保持打开。</numerusform>
        </translation>
    </message>
    <message>
        <source>The bind %1 was removed while you edited it; nothing was changed.</source>
        <translation>绑定 %1 在您编辑期间已被移除；未做任何更改。</translation>
    </message>
    <message>
        <source>&amp;Explain</source>
        <translation>解释(&amp;E)</translation>
    </message>
    <message>
        <source>Explain A&amp;nalyze</source>
        <translation>解释并分析(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
        <source>Load a CSV file into a new or existing table of the bind</source>
        <translation>将 CSV 文件载入该绑定的新表或已有的表</translation>
    </message>
    <message>
        <source>Changes not applied</source>
        <translation>未应用的更改</translation>
    </message>
    <message numerus="yes">
        <source>%n table tab(s) have changes not applied: %1.</source>
        <translation>
            <numerusform>%n 个表格标签页有未应用的更改：%1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard them and close, or keep the window open to apply them?</source>
        <translation>放弃这些更改并关闭，还是保持窗口打开以便应用？</translation>
    </message>
    <message>
        <source>Discard and Close</source>
        <translation>放弃并关闭</translation>
    </message>
</context>
<context>
    <name>PgBouncerActions</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>强制断开</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Only PgBouncer&apos;s admin_users may pause, resume, kill or reconnect a database; this bind&apos;s user is a stats user, who may only look.</source>
        <translation>只有 PgBouncer 的 admin_users 可以暂停、恢复、强制断开或重新连接数据库；此绑定的用户属于 stats_users，只能查看。</translation>
    </message>
    <message>
        <source>PgBouncer no longer lists database %1.</source>
        <translation>PgBouncer 已不再列出数据库 %1。</translation>
    </message>
    <message>
        <source>The admin console itself cannot be paused, killed or reconnected.</source>
        <translation>管理控制台本身不能被暂停、强制断开或重新连接。</translation>
    </message>
    <message>
        <source>Database %1 is paused already.</source>
        <translation>数据库 %1 已经暂停。</translation>
    </message>
    <message>
        <source>Database %1 is not paused.</source>
        <translation>数据库 %1 未暂停。</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) connected now</source>
        <translation>
            <numerusform>当前连接着 %n 个客户端</numerusform>
        </translation>
    </message>
    <message>
        <source>Pause database %1 on PgBouncer (%2)? PgBouncer waits until every server connection of it is released (in %3 mode: %4), then closes them. Clients stay connected; their next statements wait until Resume, or fail after query_wait_timeout. A leaked transaction holds the pause until it ends.</source>
        <translation>在 PgBouncer 上暂停数据库 %1（%2）？PgBouncer 会等到它的每个服务器连接都被释放（%3 模式下：%4），然后关闭它们。客户端保持连接；它们的下一条语句会等到恢复，或在 query_wait_timeout 之后失败。泄漏的事务会一直拖住暂停，直到它结束。</translation>
    </message>
    <message>
        <source>when each client disconnects</source>
        <translation>每个客户端断开时</translation>
    </message>
    <message>
        <source>at the end of each transaction</source>
        <translation>每个事务结束时</translation>
    </message>
    <message>
        <source>Resume database %1 on PgBouncer (%2)? Clients waiting since the pause get server connections again.</source>
        <translation>在 PgBouncer 上恢复数据库 %1（%2）？自暂停以来等待的客户端将重新获得服务器连接。</translation>
    </message>
    <message>
        <source>Kill database %1 on PgBouncer (%2)? Every client and server connection of it is dropped at once: open transactions are rolled back and each client&apos;s next statement fails with a lost-connection error. New clients wait until Resume.</source>
        <translation>在 PgBouncer 上强制断开数据库 %1（%2）？它的所有客户端和服务器连接会立即断开：未结束的事务被回滚，每个客户端的下一条语句会因连接丢失而失败。新客户端会等到恢复。</translation>
    </message>
    <message>
        <source>Reconnect database %1 on PgBouncer (%2)? Each server connection of it is closed as soon as its client releases it and opened again on the next request; clients notice nothing. Use it after the server behind it moved or changed its settings.</source>
        <translation>在 PgBouncer 上重新连接数据库 %1（%2）？它的每个服务器连接在客户端释放后立即关闭，并在下一个请求时重新打开；客户端不会察觉。适用于其后的服务器迁移或更改设置之后。</translation>
    </message>
</context>
<context>
    <name>PgBouncerClients</name>
    <message>
        <source>waiting for a server connection (%1 mode)</source>
        <translation>正在等待服务器连接（%1 模式）</translation>
    </message>
    <message>
        <source>session mode: keeps its server connection while connected; an open transaction shows on the server, at the backend of the same pid</source>
        <translation>会话模式：连接期间一直占用其服务器连接；未结束的事务显示在服务器上，即 pid 相同的后端</translation>
    </message>
    <message>
        <source>%1 mode: still linked to a server connection after its last request: a transaction left open, or one long statement</source>
        <translation>%1 模式：最后一次请求之后仍占用服务器连接：事务未结束，或一条语句运行很久</translation>
    </message>
</context>
<context>
    <name>PgBouncerMonitor</name>
    <message>
        <source>PgBouncer pools</source>
        <translation>PgBouncer 池</translation>
    </message>
</context>
<context>
    <name>PgBouncerState</name>
    <message numerus="yes">
        <source>max_client_conn %1 (%n client(s) now); </source>
        <translation>
            <numerusform>max_client_conn %1（当前 %n 个客户端）；</numerusform>
        </translation>
    </message>
    <message>
        <source>; more clients than max_client_conn: new ones are refused</source>
        <translation>；客户端数超过 max_client_conn：新的客户端会被拒绝</translation>
    </message>
    <message>
        <source>; the server admits %1: fits</source>
        <translation>；服务器允许 %1：够用</translation>
    </message>
    <message>
        <source>; the server admits only %1: cannot all be met, PgBouncer&apos;s server logins fail with &quot;too many connections&quot;</source>
        <translation>；服务器只允许 %1：无法全部满足，PgBouncer 登录服务器时会因“too many connections”失败</translation>
    </message>
    <message>
        <source>%1 active, %2 waiting</source>
        <translation>%1 个活动，%2 个等待</translation>
    </message>
    <message>
        <source> (longest %1 s)</source>
        <translation>（最长 %1 秒）</translation>
    </message>
    <message>
        <source>%1/%2 (%3 mode): clients %4; servers %5 active, %6 idle, %7 used, %8 tested, %9 login</source>
        <translation>%1/%2（%3 模式）：客户端 %4；服务器 %5 个活动，%6 个空闲，%7 个已用，%8 个检测中，%9 个登录中</translation>
    </message>
    <message numerus="yes">
        <source>%1 mode; %n active client(s); </source>
        <translation>
            <numerusform>%1 模式；%n 个活动客户端；</numerusform>
        </translation>
    </message>
    <message>
        <source>servers %1 used, %2 tested, %3 login; longest wait %4 s</source>
        <translation>服务器 %1 个已用，%2 个检测中，%3 个登录中；最长等待 %4 秒</translation>
    </message>
    <message numerus="yes">
        <source>up to %n server connection(s) </source>
        <translation>
            <numerusform>最多 %n 个服务器连接，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n database(s): pool_size and reserve_pool per user pool</source>
        <translation>
            <numerusform>用于 %n 个数据库：每个用户池 pool_size 加 reserve_pool</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 transactions/s of %3 ms, %4 queries/s of %5 ms; clients waited %6 ms for a server (%7 transactions since start)</source>
        <translation>%1：每秒 %2 个事务，平均 %3 毫秒；每秒 %4 条查询，平均 %5 毫秒；客户端等待服务器连接平均 %6 毫秒（启动以来共 %7 个事务）</translation>
    </message>
</context>
<context>
    <name>PlanFormat</name>
    <message>
        <source>step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>est rows</source>
        <translation>估计行数</translation>
    </message>
    <message>
        <source>actual rows</source>
        <translation>实际行数</translation>
    </message>
    <message>
        <source>loops</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>self ms</source>
        <translation>自身毫秒</translation>
    </message>
    <message>
        <source>detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>full scan</source>
        <translation>全表扫描</translation>
    </message>
    <message>
        <source>* took the most time of its own</source>
        <translation>* 自身用时最多</translation>
    </message>
    <message>
        <source>* has the highest estimated cost of its own</source>
        <translation>* 自身估计代价最高</translation>
    </message>
    <message>
        <source>Planning: %1 ms</source>
        <translation>规划：%1 毫秒</translation>
    </message>
    <message>
        <source>Execution: %1 ms</source>
        <translation>执行：%1 毫秒</translation>
    </message>
</context>
<context>
    <name>PlanTreeModel</name>
    <message>
        <source>The step that took the most time of its own.</source>
        <translation>自身用时最多的步骤。</translation>
    </message>
    <message>
        <source>The step with the highest estimated cost of its own.</source>
        <translation>自身估计代价最高的步骤。</translation>
    </message>
    <message>
        <source>Reads every row of %1.</source>
        <translation>读取 %1 的每一行。</translation>
    </message>
    <message>
        <source>The estimate was off by more than ten times: the table&apos;s statistics may be old.</source>
        <translation>估计值偏差超过十倍：表的统计信息可能已过时。</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Est. rows</source>
        <translation>估计行数</translation>
    </message>
    <message>
        <source>Actual rows</source>
        <translation>实际行数</translation>
    </message>
    <message>
        <source>Loops</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Self ms</source>
        <translation>自身毫秒</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Condition, key, sort</source>
        <translation>条件、键、排序</translation>
    </message>
    <message>
        <source>Rows the server expected, per loop</source>
        <translation>服务器预计的行数（每次循环）</translation>
    </message>
    <message>
        <source>Rows the step gave, per loop (Explain Analyze)</source>
        <translation>该步骤实际给出的行数（每次循环，解释并分析）</translation>
    </message>
    <message>
        <source>Time of the step itself, its children&apos;s time taken out, over all loops</source>
        <translation>该步骤自身的用时（不含子步骤），累计所有循环</translation>
    </message>
    <message>
        <source>The step&apos;s own part of the whole: of the time with Explain Analyze, of the estimated cost without</source>
        <translation>该步骤自身在整体中的占比：解释并分析时按用时，否则按估计代价</translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <source>Copy as Text</source>
        <translation>复制为文本</translation>
    </message>
    <message>
        <source>Copy the plan as an indented table, as `poolscope explain` prints it</source>
        <translation>将计划复制为缩进表格，与命令行输出的相同</translation>
    </message>
    <message>
        <source>Explain Analyze: the statement ran; actual rows and times are the server&apos;s.</source>
        <translation>解释并分析：语句已执行；实际行数和用时来自服务器。</translation>
    </message>
    <message>
        <source>Explain: the server&apos;s plan and estimates; the statement did not run.</source>
        <translation>解释：服务器的计划和估计；语句未执行。</translation>
    </message>
    <message>
        <source>planning %1 ms</source>
        <translation>规划 %1 毫秒</translation>
    </message>
    <message>
        <source>execution %1 ms</source>
        <translation>执行 %1 毫秒</translation>
    </message>
    <message>
        <source>In bold red: %1, the step with the most %2 of its own.</source>
        <translation>红色粗体：%1，自身%2最多的步骤。</translation>
    </message>
    <message>
        <source>time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>estimated cost</source>
        <translation>估计代价</translation>
    </message>
    <message>
        <source>Explain (F7) shows how the server will run the statement at the cursor; Explain Analyze (Shift+F7) runs it and shows what happened.</source>
        <translation>解释（F7）显示服务器将如何执行光标所在的语句；解释并分析（Shift+F7）会执行它并显示实际情况。</translation>
    </message>
</context>
<context>
    <name>Pool</name>
    <message>
        <source>The pool was disposed.</source>
        <translation>连接池已被释放。</translation>
    </message>
</context>
<context>
    <name>PoolMonitorDock</name>
    <message>
        <source>Pool</source>
        <translation>连接池</translation>
    </message>
    <message>
        <source>checked out</source>
        <translation>已借出</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>overflow</source>
        <translation>溢出</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Filter events</source>
        <translation>筛选事件</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <source>Bind:</source>
        <translation>绑定：</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2 (pid %3)</source>
        <translation>%1 · %2（PID %3）</translation>
    </message>
    <message>
        <source>%1 · PgBouncer %2/%3</source>
        <translation>%1 · PgBouncer %2/%3</translation>
    </message>
    <message>
        <source>servers active</source>
        <translation>活动服务器连接</translation>
    </message>
    <message>
        <source>servers idle</source>
        <translation>空闲服务器连接</translation>
    </message>
    <message>
        <source>reserve</source>
        <translation>预留</translation>
    </message>
    <message>
        <source>clients waiting</source>
        <translation>等待的客户端</translation>
    </message>
</context>
<context>
    <name>PoolOptions</name>
    <message>
        <source>pool_size must be 0 or more, not %1</source>
        <translation>pool_size 必须大于或等于 0，而不是 %1</translation>
    </message>
    <message>
        <source>max_overflow must be -1 (no limit) or more, not %1</source>
        <translation>max_overflow 必须大于或等于 -1（-1 表示不限），而不是 %1</translation>
    </message>
    <message>
        <source>pool_size 0 with max_overflow 0 allows no connection at all</source>
        <translation>pool_size 为 0 且 max_overflow 为 0 时不允许任何连接</translation>
    </message>
    <message>
        <source>pool_timeout must be 0 or more seconds, not %1</source>
        <translation>pool_timeout 必须大于或等于 0 秒，而不是 %1</translation>
    </message>
    <message>
        <source>leak_threshold must be 0 (off) or more seconds, not %1</source>
        <translation>leak_threshold 必须大于或等于 0 秒（0 表示关闭），而不是 %1</translation>
    </message>
    <message>
        <source>connect_timeout must be at least 1 second, not %1</source>
        <translation>connect_timeout 至少为 1 秒，而不是 %1</translation>
    </message>
</context>
<context>
    <name>PoolerActionsButton</name>
    <message>
        <source>Pooler</source>
        <translation>连接池代理</translation>
    </message>
    <message>
        <source>Pause, resume, kill or reconnect one of PgBouncer&apos;s databases</source>
        <translation>暂停、恢复、强制断开或重新连接 PgBouncer 的某个数据库</translation>
    </message>
    <message>
        <source>%1 (%2 mode)</source>
        <translation>%1（%2 模式）</translation>
    </message>
    <message>
        <source>, paused</source>
        <translation>，已暂停</translation>
    </message>
    <message>
        <source>PgBouncer serves no database</source>
        <translation>PgBouncer 没有提供任何数据库</translation>
    </message>
    <message>
        <source>A pooler command is still running; PAUSE waits for the database&apos;s transactions to end.</source>
        <translation>一条连接池代理命令仍在运行；PAUSE 会等待该数据库的事务结束。</translation>
    </message>
    <message>
        <source>%1 changed while you were asked; nothing was done.%2</source>
        <translation>询问期间 %1 发生了变化；未做任何操作。%2</translation>
    </message>
    <message>
        <source>pooler command</source>
        <translation>连接池代理命令</translation>
    </message>
    <message>
        <source>%1 %2: done.</source>
        <translation>%1 %2：完成。</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2：%3</translation>
    </message>
    <message>
        <source>The console connection is busy; try again in a moment.</source>
        <translation>控制台连接正忙；请稍后再试。</translation>
    </message>
</context>
<context>
    <name>QueryPlan</name>
    <message>
        <source>The server&apos;s plan could not be read: %1</source>
        <translation>无法读取服务器给出的计划：%1</translation>
    </message>
    <message>
        <source>Trigger %1 on %2: %3 call(s), %4 ms</source>
        <translation>%2 上的触发器 %1：调用 %3 次，%4 毫秒</translation>
    </message>
    <message>
        <source>SQLite gave no plan for this statement.</source>
        <translation>SQLite 没有为此语句给出计划。</translation>
    </message>
</context>
<context>
    <name>ResultModel</name>
    <message>
        <source>&lt;binary %1&gt; %2%3</source>
        <translation>&lt;二进制 %1&gt; %2%3</translation>
    </message>
    <message>
        <source>%1 characters; copy the cell for the whole value</source>
        <translation>共 %1 个字符；复制该单元格可获得完整值</translation>
    </message>
</context>
<context>
    <name>SchemaLoader</name>
    <message>
        <source>Reading the schema failed.</source>
        <translation>读取模式失败。</translation>
    </message>
    <message>
        <source>schema browser</source>
        <translation>模式浏览器</translation>
    </message>
</context>
<context>
    <name>SchemaPanel</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the schema again (F5 in this panel)</source>
        <translation>重新读取模式（在此面板中按 F5）</translation>
    </message>
    <message>
        <source>Reading the schema of %1…</source>
        <translation>正在读取 %1 的模式…</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) and view(s)</source>
        <translation>
            <numerusform>%n 个表和视图</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the schema: %1</source>
        <translation>无法读取模式：%1</translation>
    </message>
</context>
<context>
    <name>SchemaTreeModel</name>
    <message>
        <source>Tables (%1)</source>
        <translation>表 (%1)</translation>
    </message>
    <message>
        <source>Views (%1)</source>
        <translation>视图 (%1)</translation>
    </message>
    <message>
        <source>Columns (%1)</source>
        <translation>列 (%1)</translation>
    </message>
    <message>
        <source>Indexes (%1)</source>
        <translation>索引 (%1)</translation>
    </message>
    <message>
        <source>Foreign keys (%1)</source>
        <translation>外键 (%1)</translation>
    </message>
    <message>
        <source>1 table</source>
        <translation>1 个表</translation>
    </message>
    <message>
        <source>%1 tables</source>
        <translation>%1 个表</translation>
    </message>
    <message>
        <source>1 view</source>
        <translation>1 个视图</translation>
    </message>
    <message>
        <source>%1 views</source>
        <translation>%1 个视图</translation>
    </message>
    <message>
        <source>%1 columns</source>
        <translation>%1 列</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Primary key column %1 of %2</source>
        <translation>主键列，第 %1 列（共 %2 列）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>定义</translation>
    </message>
    <message>
        <source>1 column</source>
        <translation>1 列</translation>
    </message>
</context>
<context>
    <name>ServerCapacity</name>
    <message>
        <source>bind %1</source>
        <translation>绑定 %1</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无上限</translation>
    </message>
    <message>
        <source>up to %1</source>
        <translation>最多 %1</translation>
    </message>
    <message>
        <source> (fits)</source>
        <translation>（足够）</translation>
    </message>
    <message>
        <source>%1 %2 (%3 for clients)</source>
        <translation>%1 %2（客户端可用 %3）</translation>
    </message>
    <message>
        <source>%1 unknown</source>
        <translation>%1 未知</translation>
    </message>
    <message>
        <source> — CAN EXCEED %1</source>
        <translation> — 可能超过 %1</translation>
    </message>
    <message>
        <source>PgBouncer %1</source>
        <translation>PgBouncer %1</translation>
    </message>
</context>
<context>
    <name>ServerSession</name>
    <message>
        <source>active</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>idle in transaction</source>
        <translation>事务中空闲</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>PgBouncer %1/%2 (%3 mode)</source>
        <translation>PgBouncer %1/%2（%3 模式）</translation>
    </message>
    <message>
        <source>%1, %2, no client</source>
        <translation>%1，%2，无客户端</translation>
    </message>
    <message>
        <source>%1, for client %2</source>
        <translation>%1，服务于客户端 %2</translation>
    </message>
</context>
<context>
    <name>ServerSessionActions</name>
    <message>
        <source>running for %1</source>
        <translation>已执行 %1</translation>
    </message>
    <message>
        <source>running a statement</source>
        <translation>正在执行语句</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 已 %2</translation>
    </message>
    <message>
        <source>The server did not signal session %1.</source>
        <translation>服务器未向会话 %1 发送信号。</translation>
    </message>
    <message>
        <source>SQLite has no server sessions: close the tab or dispose of the engine that holds the file.</source>
        <translation>SQLite 没有服务器会话：请关闭标签页，或释放持有该文件的引擎。</translation>
    </message>
    <message>
        <source>SQLite has no server that could end a session: process %1 (%2) holds the file until that program closes it or ends; poolscope does not stop other programs.</source>
        <translation>SQLite 没有可以结束会话的服务器：进程 %1（%2）会一直持有该文件，直到该程序关闭文件或退出；poolscope 不会终止其他程序。</translation>
    </message>
    <message>
        <source>unknown program</source>
        <translation>未知程序</translation>
    </message>
    <message>
        <source>Session %1 is not running a statement.</source>
        <translation>会话 %1 当前没有在执行语句。</translation>
    </message>
    <message>
        <source>The server gave this session no id.</source>
        <translation>服务器没有为此会话提供 ID。</translation>
    </message>
    <message>
        <source>Cancel statement</source>
        <translation>取消语句</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>结束会话</translation>
    </message>
    <message>
        <source>Cancel the statement that session %1 is running?</source>
        <translation>取消会话 %1 正在执行的语句吗？</translation>
    </message>
    <message>
        <source> The statement fails with &quot;canceling statement due to user request&quot;; inside a transaction the whole transaction fails and must be rolled back. The session stays connected.</source>
        <translation>该语句将以“canceling statement due to user request”失败；若处于事务中，整个事务都会失败，必须回滚。会话保持连接。</translation>
    </message>
    <message>
        <source> The statement fails with &quot;Query execution was interrupted&quot;; the session and its open transaction stay.</source>
        <translation>该语句将以“Query execution was interrupted”失败；会话及其未结束的事务保持不变。</translation>
    </message>
    <message>
        <source>End session %1</source>
        <translation>结束会话 %1</translation>
    </message>
    <message>
        <source> of user %1</source>
        <translation>（用户 %1）</translation>
    </message>
    <message>
        <source> on %1</source>
        <translation>（数据库 %1）</translation>
    </message>
    <message>
        <source>application &apos;%1&apos;</source>
        <translation>应用程序“%1”</translation>
    </message>
    <message>
        <source>%1 (%2)?</source>
        <translation>%1（%2）？</translation>
    </message>
    <message>
        <source> Its running statement stops, its open transaction is rolled back and the client gets a lost-connection error.</source>
        <translation>其正在执行的语句将停止，未结束的事务将回滚，客户端会收到连接丢失错误。</translation>
    </message>
    <message>
        <source> The client&apos;s open transaction is rolled back and its next statement fails with a lost-connection error.</source>
        <translation>客户端未结束的事务将回滚，其下一条语句会因连接丢失错误而失败。</translation>
    </message>
    <message>
        <source> The client&apos;s next statement fails with a lost-connection error (a pool with pre-ping replaces the connection quietly).</source>
        <translation>客户端的下一条语句会因连接丢失错误而失败（启用 pre-ping 的连接池会悄悄替换该连接）。</translation>
    </message>
    <message>
        <source> It is one of poolscope&apos;s own connections: the tab that holds it loses it.</source>
        <translation>这是 poolscope 自己的连接之一：持有它的标签页将失去该连接。</translation>
    </message>
    <message>
        <source>Session %1 is the connection poolscope asks with.</source>
        <translation>会话 %1 是 poolscope 用来查询的连接。</translation>
    </message>
    <message>
        <source>Session %1 was told to end but is still there.</source>
        <translation>已通知会话 %1 结束，但它仍然存在。</translation>
    </message>
    <message>
        <source>Session %1 is not the one you were asked about any more: it ended, or its id now belongs to a new session. Nothing was done.</source>
        <translation>会话 %1 已不是询问时的那个会话：它已结束，或其 ID 已属于一个新会话。未执行任何操作。</translation>
    </message>
    <message>
        <source>%1 is a client of PgBouncer, whose console cannot cancel or end one client: end its server session (pid %2) from a bind to the PostgreSQL server, or kill its database (%3) from the Pooler menu.</source>
        <translation>%1 是 PgBouncer 的客户端，其控制台无法取消或结束单个客户端：请通过连接 PostgreSQL 服务器的绑定结束它的服务器会话（pid %2），或在“连接池代理”菜单中强制断开它的数据库（%3）。</translation>
    </message>
</context>
<context>
    <name>ServerSessionGroup</name>
    <message>
        <source>user %1</source>
        <translation>用户 %1</translation>
    </message>
    <message>
        <source>database %1</source>
        <translation>数据库 %1</translation>
    </message>
    <message>
        <source>client %1</source>
        <translation>客户端 %1</translation>
    </message>
    <message>
        <source>application %1</source>
        <translation>应用程序 %1</translation>
    </message>
    <message>
        <source>1 session</source>
        <translation>1 个会话</translation>
    </message>
    <message>
        <source>%1 sessions</source>
        <translation>%1 个会话</translation>
    </message>
    <message>
        <source> after `%1`</source>
        <translation>，上一条语句为 `%1`</translation>
    </message>
    <message>
        <source>oldest %1</source>
        <translation>最久 %1</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>PID %1</translation>
    </message>
    <message>
        <source>pids %1</source>
        <translation>PID %1</translation>
    </message>
</context>
<context>
    <name>ServerSessionModel</name>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应用程序</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Idle / running</source>
        <translation>空闲 / 执行时长</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>事务</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Suspect</source>
        <translation>可疑</translation>
    </message>
    <message>
        <source>Process %1: %2</source>
        <translation>进程 %1：%2</translation>
    </message>
    <message>
        <source>Application: %1</source>
        <translation>应用程序：%1</translation>
    </message>
    <message>
        <source>Held at %1</source>
        <translation>持有位置：%1</translation>
    </message>
    <message>
        <source>pid %1 · %2</source>
        <translation>PID %1 · %2</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>%1 · pid %2</source>
        <translation>%1 · PID %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>PgBouncer %1/%2 · no client</source>
        <translation>PgBouncer %1/%2 · 无客户端</translation>
    </message>
    <message>
        <source>PgBouncer %1/%2 · client %3</source>
        <translation>PgBouncer %1/%2 · 客户端 %3</translation>
    </message>
</context>
<context>
    <name>ServerSessionReader</name>
    <message>
        <source>Open transactions are not shown: reading information_schema.INNODB_TRX failed (%1).</source>
        <translation>未显示未结束的事务：读取 information_schema.INNODB_TRX 失败（%1）。</translation>
    </message>
    <message>
        <source>Which session waits for whose lock is not shown (%1).</source>
        <translation>未显示会话之间的锁等待关系（%1）。</translation>
    </message>
    <message>
        <source>An in-memory database lives inside poolscope only.</source>
        <translation>内存数据库只存在于 poolscope 内部。</translation>
    </message>
</context>
<context>
    <name>ServerSessionsPanel</name>
    <message>
        <source>Suspects only</source>
        <translation>仅显示可疑会话</translation>
    </message>
    <message>
        <source>Flag sessions idle in a transaction longer than this</source>
        <translation>标记在事务中空闲超过此时长的会话</translation>
    </message>
    <message>
        <source>Flag sessions idle longer than this</source>
        <translation>标记空闲超过此时长的会话</translation>
    </message>
    <message>
        <source>Flag statements running longer than this</source>
        <translation>标记执行超过此时长的语句</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Every %1 s</source>
        <translation>每 %1 秒</translation>
    </message>
    <message>
        <source>Findings: groups of suspect sessions</source>
        <translation>发现：可疑会话分组</translation>
    </message>
    <message>
        <source>active</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>idle in transaction</source>
        <translation>事务中空闲</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Bind:</source>
        <translation>绑定：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Idle in transaction over:</source>
        <translation>事务中空闲超过：</translation>
    </message>
    <message>
        <source>Idle over:</source>
        <translation>空闲超过：</translation>
    </message>
    <message>
        <source>Running over:</source>
        <translation>执行超过：</translation>
    </message>
    <message>
        <source>server sessions</source>
        <translation>服务器会话</translation>
    </message>
    <message>
        <source>Cannot read the sessions: %1</source>
        <translation>无法读取会话：%1</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source> — still growing</source>
        <translation> — 仍在增长</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>No suspects.</source>
        <translation>没有可疑会话。</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s), %1 suspect(s), read at %2</source>
        <translation>
            <numerusform>%n 个会话，%1 个可疑，读取于 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a session first.</source>
        <translation>请先选择一个会话。</translation>
    </message>
    <message>
        <source>Still reading; try again in a moment.</source>
        <translation>仍在读取，请稍后再试。</translation>
    </message>
    <message>
        <source>Done for session %1.</source>
        <translation>会话 %1 已处理。</translation>
    </message>
    <message>
        <source>Session %1: %2</source>
        <translation>会话 %1：%2</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Session %1 ended or changed while you were asked; nothing was done.</source>
        <translation>在询问期间会话 %1 已结束或已改变；未执行任何操作。</translation>
    </message>
    <message>
        <source>Capacity: %1</source>
        <translation>容量：%1</translation>
    </message>
    <message>
        <source>Pools:
%1</source>
        <translation>连接池：
%1</translation>
    </message>
    <message>
        <source>PgBouncer&apos;s console cannot cancel or end one client: use the Pooler menu, or a bind to the PostgreSQL server</source>
        <translation>PgBouncer 的控制台无法取消或结束单个客户端：请使用“连接池代理”菜单，或连接 PostgreSQL 服务器的绑定</translation>
    </message>
    <message>
        <source>Traffic:
%1</source>
        <translation>流量：
%1</translation>
    </message>
    <message>
        <source>PgBouncer %1: %2</source>
        <translation>PgBouncer %1：%2</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The engine of this session is gone.</source>
        <translation>此会话的引擎已不存在。</translation>
    </message>
    <message>
        <source>The connection was closed while the statement ran.</source>
        <translation>语句执行期间连接被关闭。</translation>
    </message>
    <message>
        <source>The connection was lost while the statement ran: %1</source>
        <translation>语句执行期间连接丢失：%1</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <source>Statement cancelled while waiting for a connection</source>
        <translation>语句在等待连接时被取消</translation>
    </message>
    <message>
        <source>Session closed while the statement ran</source>
        <translation>语句执行期间会话被关闭</translation>
    </message>
</context>
<context>
    <name>SessionTab</name>
    <message>
        <source>Run</source>
        <translation>执行</translation>
    </message>
    <message>
        <source>Run the selection or the statement at the cursor (Ctrl+Enter)</source>
        <translation>执行选中内容或光标所在的语句（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Run All</source>
        <translation>全部执行</translation>
    </message>
    <message>
        <source>Run every statement, stopping at the first error (Ctrl+Shift+Enter)</source>
        <translation>执行所有语句，遇到第一个错误时停止（Ctrl+Shift+Enter）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the running statement (Esc); the connection stays usable</source>
        <translation>停止正在执行的语句（Esc），连接仍可继续使用</translation>
    </message>
    <message>
        <source>Autocommit</source>
        <translation>自动提交</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>事务</translation>
    </message>
    <message>
        <source>Autocommit returns the connection to the pool after each statement; Transaction keeps it from the first statement until Commit or Roll back</source>
        <translation>自动提交：每条语句执行后将连接归还连接池；事务：从第一条语句起一直占用连接，直到提交或回滚</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Roll Back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Statements run on this bind</source>
        <translation>在此绑定上执行过的语句</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>The connection was lost: %1.</source>
        <translation>连接已丢失：%1。</translation>
    </message>
    <message>
        <source> The open transaction is gone; its changes were not committed.</source>
        <translation>未结束的事务已丢失，其更改没有提交。</translation>
    </message>
    <message>
        <source> The next statement opens a new connection.</source>
        <translation>下一条语句将打开新连接。</translation>
    </message>
    <message numerus="yes">
        <source>Ran %n statement(s).</source>
        <translation>
            <numerusform>已执行 %n 条语句。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped at statement %1 of %2.</source>
        <translation>在第 %1 条语句处停止（共 %2 条）。</translation>
    </message>
    <message>
        <source>Nothing to run: the cursor is not on a statement.</source>
        <translation>没有可执行的内容：光标不在语句上。</translation>
    </message>
    <message>
        <source>Nothing to run.</source>
        <translation>没有可执行的内容。</translation>
    </message>
    <message>
        <source>The commit failed; the tab stays open.</source>
        <translation>提交失败，标签页保持打开。</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) in %1</source>
        <translation>
            <numerusform>%n 行，用时 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) affected in %1</source>
        <translation>
            <numerusform>影响 %n 行，用时 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Done in %1</source>
        <translation>完成，用时 %1</translation>
    </message>
    <message>
        <source>Cancelled after %1</source>
        <translation>在 %1 后取消</translation>
    </message>
    <message numerus="yes">
        <source>%1; %n row(s) received</source>
        <translation>
            <numerusform>%1；已接收 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source> (at character %1)</source>
        <translation>（位于第 %1 个字符）</translation>
    </message>
    <message>
        <source>
The connection was lost; the next statement opens a new one.</source>
        <translation>
连接已丢失；下一条语句将打开新连接。</translation>
    </message>
    <message>
        <source>running for %1 s</source>
        <translation>已执行 %1 秒</translation>
    </message>
    <message>
        <source>%1 of %2 rows shown (scroll for more)</source>
        <translation>显示 %1 / %2 行（滚动查看更多）</translation>
    </message>
    <message>
        <source>waiting for a connection</source>
        <translation>正在等待连接</translation>
    </message>
    <message>
        <source>connection #%1</source>
        <translation>连接 #%1</translation>
    </message>
    <message>
        <source>no connection</source>
        <translation>无连接</translation>
    </message>
    <message>
        <source>in transaction since %1</source>
        <translation>事务开始于 %1</translation>
    </message>
    <message>
        <source>No statements yet</source>
        <translation>暂无语句</translation>
    </message>
    <message>
        <source>Open transaction</source>
        <translation>未结束的事务</translation>
    </message>
    <message>
        <source>The tab %1 on %2 has a transaction open since %3.</source>
        <translation>%2 上的标签页 %1 有一个自 %3 起未结束的事务。</translation>
    </message>
    <message>
        <source>Commit it, roll it back, or keep the tab open?</source>
        <translation>要提交、回滚，还是保持标签页打开？</translation>
    </message>
    <message>
        <source>The tab closes once its commit is done.</source>
        <translation>提交完成后此标签页将关闭。</translation>
    </message>
    <message>
        <source>The transaction ended while you were asked; there was nothing left to commit. The tab stays open.</source>
        <translation>在询问期间事务已结束，没有可提交的内容。标签页保持打开。</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>Show how the server will run the statement at the cursor, without running it (F7)</source>
        <translation>显示服务器将如何执行光标所在的语句，但不执行它（F7）</translation>
    </message>
    <message>
        <source>Explain Analyze</source>
        <translation>解释并分析</translation>
    </message>
    <message>
        <source>Run the statement at the cursor and show the actual rows and time of each step; its changes are rolled back (Shift+F7)</source>
        <translation>执行光标所在的语句并显示每个步骤的实际行数和用时；其更改会被回滚（Shift+F7）</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Nothing to explain: the cursor is not on a statement.</source>
        <translation>没有可解释的内容：光标不在语句上。</translation>
    </message>
    <message>
        <source>Something else ran while you were asked; nothing was explained.</source>
        <translation>在询问期间有其他语句在执行；未作解释。</translation>
    </message>
    <message>
        <source>Explain Analyze runs the statement</source>
        <translation>解释并分析会执行该语句</translation>
    </message>
    <message>
        <source>This statement may change data:

%1

Explain Analyze runs it to measure it, so poolscope runs it inside a transaction and rolls it back (a savepoint, when this tab has a transaction open).</source>
        <translation>此语句可能修改数据：

%1

解释并分析需要执行它才能测量，因此 poolscope 会在一个事务内执行并将其回滚（若此标签页已有未结束的事务，则使用保存点）。</translation>
    </message>
    <message>
        <source>Nothing it changes is kept, but while it runs it takes the locks it needs and fires triggers; PostgreSQL sequences it advances stay advanced, and tables without transactions (MyISAM, Aria) keep their changes.</source>
        <translation>它所做的更改都不会保留，但执行期间会获取所需的锁并触发触发器；它推进的 PostgreSQL 序列不会回退，不支持事务的表（MyISAM、Aria）会保留更改。</translation>
    </message>
    <message>
        <source>Run and Roll Back</source>
        <translation>执行并回滚</translation>
    </message>
    <message>
        <source>; anything the statement changed was rolled back.</source>
        <translation>；该语句所做的任何更改均已回滚。</translation>
    </message>
    <message>
        <source>Analyzed in %1</source>
        <translation>分析完成，用时 %1</translation>
    </message>
    <message>
        <source>Explained in %1</source>
        <translation>解释完成，用时 %1</translation>
    </message>
</context>
<context>
    <name>SessionTabs</name>
    <message>
        <source>tab %1</source>
        <translation>标签页 %1</translation>
    </message>
</context>
<context>
    <name>SuspectRules</name>
    <message>
        <source>%1 for %2 (over %3 s)</source>
        <translation>%1 已 %2（超过 %3 秒）</translation>
    </message>
    <message>
        <source>idle in transaction</source>
        <translation>事务中空闲</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>running</source>
        <translation>执行</translation>
    </message>
    <message>
        <source>%1 sessions of one bind, over pool_size + max_overflow = %2</source>
        <translation>同一绑定有 %1 个会话，超过 pool_size + max_overflow = %2</translation>
    </message>
    <message>
        <source>one of %1 sessions of %2 (over pool_size + max_overflow = %3)</source>
        <translation>属于 %2 的 %1 个会话之一（超过 pool_size + max_overflow = %3）</translation>
    </message>
</context>
<context>
    <name>TableDataModel</name>
    <message>
        <source>Was: %1</source>
        <translation>原值：%1</translation>
    </message>
    <message>
        <source>%1 NOT NULL</source>
        <translation>%1 NOT NULL</translation>
    </message>
    <message>
        <source>No cell.</source>
        <translation>没有单元格。</translation>
    </message>
    <message>
        <source>The row is marked for deletion.</source>
        <translation>该行已标记为删除。</translation>
    </message>
    <message>
        <source>%1 is generated by the server.</source>
        <translation>%1 由服务器生成。</translation>
    </message>
    <message>
        <source>Binary values are not edited as text; Set NULL is possible.</source>
        <translation>二进制值不能以文本编辑；可以设为 NULL。</translation>
    </message>
    <message>
        <source>The value is larger than what was read of it.</source>
        <translation>该值大于已读取的部分。</translation>
    </message>
</context>
<context>
    <name>TableQuery</name>
    <message>
        <source>Filter: %1</source>
        <translation>筛选：%1</translation>
    </message>
</context>
<context>
    <name>TableShape</name>
    <message>
        <source>The bind is read-only.</source>
        <translation>该绑定为只读。</translation>
    </message>
    <message>
        <source>A view: its rows are edited in the tables it reads.</source>
        <translation>这是视图：其行需在它读取的表中编辑。</translation>
    </message>
    <message>
        <source>No primary key, and columns hide every name of the rowid.</source>
        <translation>没有主键，且各列占用了 rowid 的所有名称。</translation>
    </message>
    <message>
        <source>No primary key: a row cannot be named in an UPDATE or DELETE, so the table is read-only here.</source>
        <translation>没有主键：UPDATE 或 DELETE 无法指明某一行，因此该表在此为只读。</translation>
    </message>
</context>
<context>
    <name>TableTab</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the rows again with the filters and order</source>
        <translation>按当前筛选和排序重新读取行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop reading rows, or stop the Apply (it rolls back)</source>
        <translation>停止读取行，或停止应用（将回滚）</translation>
    </message>
    <message>
        <source>Add Row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Add a new row; cells left alone take their default</source>
        <translation>添加新行；未填写的单元格取其默认值</translation>
    </message>
    <message>
        <source>Delete Rows</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Mark the selected rows for deletion</source>
        <translation>将所选行标记为删除</translation>
    </message>
    <message>
        <source>Set NULL</source>
        <translation>设为 NULL</translation>
    </message>
    <message>
        <source>Set the selected cells to NULL</source>
        <translation>将所选单元格设为 NULL</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Run the pending changes in one transaction</source>
        <translation>在一个事务中执行待应用的更改</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Forget the pending changes; nothing is sent</source>
        <translation>放弃待应用的更改；不发送任何内容</translation>
    </message>
    <message>
        <source>Show SQL</source>
        <translation>显示 SQL</translation>
    </message>
    <message>
        <source>Show exactly what Apply will run</source>
        <translation>显示应用时将执行的确切语句</translation>
    </message>
    <message numerus="yes">
        <source>Apply or discard the %n pending change(s) first: reading the rows again would drop them.</source>
        <translation>
            <numerusform>请先应用或放弃 %n 项待应用的更改：重新读取行会丢弃它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter on %1: %2</source>
        <translation>%1 的筛选：%2</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading stopped</source>
        <translation>读取已停止</translation>
    </message>
    <message>
        <source>Read failed</source>
        <translation>读取失败</translation>
    </message>
    <message>
        <source>Reading stopped: the rows read so far are shown.</source>
        <translation>读取已停止：显示已读取的行。</translation>
    </message>
    <message numerus="yes">
        <source>Applying %n change(s)…</source>
        <translation>
            <numerusform>正在应用 %n 项更改…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing applied</source>
        <translation>未应用任何更改</translation>
    </message>
    <message numerus="yes">
        <source>Applied %n change(s); reading again…</source>
        <translation>
            <numerusform>已应用 %n 项更改；正在重新读取…</numerusform>
        </translation>
    </message>
    <message>
        <source>What Apply will run</source>
        <translation>应用时将执行的语句</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Each value goes as a parameter, listed under its statement.</source>
        <translation>每个值都作为参数发送，列在其语句下方。</translation>
    </message>
    <message>
        <source>Apply is running: wait for it, or cancel it (Esc) to roll it back.</source>
        <translation>正在应用：请等待，或取消（Esc）以回滚。</translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation>待应用的更改</translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n change(s) not applied.</source>
        <translation>
            <numerusform>%1 有 %n 项未应用的更改。</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply them, discard them, or keep the tab open?</source>
        <translation>应用、放弃，还是保持标签页打开？</translation>
    </message>
    <message numerus="yes">
        <source>%n pending change(s)</source>
        <translation>
            <numerusform>%n 项待应用的更改</numerusform>
        </translation>
    </message>
    <message>
        <source>read-only: %1</source>
        <translation>只读：%1</translation>
    </message>
    <message>
        <source>Apply is running: wait for it to end, or cancel it (Esc).</source>
        <translation>正在应用：请等待其结束，或取消（Esc）。</translation>
    </message>
</context>
<context>
    <name>Url</name>
    <message>
        <source>Invalid database URL &apos;%1&apos;: %2. Expected %3.</source>
        <translation>无效的数据库 URL“%1”：%2。应为 %3。</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>URL 为空</translation>
    </message>
    <message>
        <source>&apos;://&apos; is missing after the dialect name</source>
        <translation>方言名称后缺少“://”</translation>
    </message>
    <message>
        <source>the text before &apos;://&apos; is not a dialect[+driver] name</source>
        <translation>“://”之前的文本不是 dialect[+driver] 名称</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a dialect[+driver] name</source>
        <translation>“%1”不是 dialect[+driver] 名称</translation>
    </message>
    <message>
        <source>the dialect is spelled &apos;postgresql&apos;, not &apos;postgres&apos;</source>
        <translation>方言应写作“postgresql”，而不是“postgres”</translation>
    </message>
    <message>
        <source>unsupported dialect &apos;%1&apos;; poolscope speaks sqlite, postgresql, mysql and mariadb</source>
        <translation>不支持的方言“%1”；poolscope 支持 sqlite、postgresql、mysql 和 mariadb</translation>
    </message>
    <message>
        <source>unknown driver &apos;%1&apos; for %2 (known: %3)</source>
        <translation>%2 的驱动“%1”未知（已知：%3）</translation>
    </message>
    <message>
        <source>the user name has a broken %-escape</source>
        <translation>用户名中的 % 转义不完整</translation>
    </message>
    <message>
        <source>the password has a broken %-escape</source>
        <translation>密码中的 % 转义不完整</translation>
    </message>
    <message>
        <source>option &apos;%1&apos; needs the form key=value</source>
        <translation>选项“%1”应为 key=value 的形式</translation>
    </message>
    <message>
        <source>option &apos;%1&apos; has a broken %-escape</source>
        <translation>选项“%1”中的 % 转义不完整</translation>
    </message>
    <message>
        <source>an &apos;@&apos; in a user name or password must be written %40</source>
        <translation>用户名或密码中的“@”必须写作 %40</translation>
    </message>
    <message>
        <source>the IPv6 host has no closing &apos;]&apos;</source>
        <translation>IPv6 主机缺少右括号“]”</translation>
    </message>
    <message>
        <source>the IPv6 host between [ ] is empty</source>
        <translation>[ ] 中的 IPv6 主机为空</translation>
    </message>
    <message>
        <source>the IPv6 host between [ ] holds another &apos;[&apos;</source>
        <translation>[ ] 中的 IPv6 主机又包含了“[”</translation>
    </message>
    <message>
        <source>unexpected &apos;%1&apos; after the IPv6 host</source>
        <translation>IPv6 主机之后出现意外的“%1”</translation>
    </message>
    <message>
        <source>the port after &apos;:&apos; is empty</source>
        <translation>“:”之后的端口为空</translation>
    </message>
    <message>
        <source>an IPv6 host must be written in brackets, like [::1]</source>
        <translation>IPv6 主机必须写在方括号中，例如 [::1]</translation>
    </message>
    <message>
        <source>the port %1 is outside 1-65535</source>
        <translation>端口 %1 不在 1-65535 范围内</translation>
    </message>
    <message>
        <source>a sqlite URL has no user, host or port; write sqlite:///relative.db or sqlite:////absolute/path.db</source>
        <translation>sqlite URL 不包含用户、主机或端口；请写作 sqlite:///relative.db 或 sqlite:////absolute/path.db</translation>
    </message>
    <message>
        <source>the database name &apos;%1&apos; contains &apos;/&apos;</source>
        <translation>数据库名称“%1”包含“/”</translation>
    </message>
    <message>
        <source>what follows the host&apos;s &apos;:&apos; is not a port number (a password needs &apos;@host&apos; after it)</source>
        <translation>主机的“:”之后不是端口号（密码之后需要“@主机”）</translation>
    </message>
</context>
<context>
    <name>ValueChecker</name>
    <message>
        <source>&apos;%1&apos; is not an integer</source>
        <translation>“%1”不是整数</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>“%1”不是数字</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not true or false</source>
        <translation>“%1”不是 true 或 false</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>A bind needs a name.</source>
        <translation>绑定需要一个名称。</translation>
    </message>
    <message>
        <source>There is already a bind named &apos;%1&apos;.</source>
        <translation>已存在名为“%1”的绑定。</translation>
    </message>
    <message>
        <source>Bind &apos;%1&apos;: %2.</source>
        <translation>绑定“%1”：%2。</translation>
    </message>
</context>
</TS>
