<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppTreeModel</name>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n process</numerusform>
            <numerusform>%n processes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApplyTask</name>
    <message numerus="yes">
        <source>Row %1&apos;s statement touched %n row(s), not one.</source>
        <translation>
            <numerusform>Row %1&apos;s statement touched %n row, not one.</numerusform>
            <numerusform>Row %1&apos;s statement touched %n rows, not one.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BindTreeModel</name>
    <message numerus="yes">
        <source>%n active client(s)</source>
        <translation>
            <numerusform>%n active client</numerusform>
            <numerusform>%n active clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for %1 s</source>
        <translation>
            <numerusform>%n waiting for %1 s</numerusform>
            <numerusform>%n waiting for %1 s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>The %n row(s) already fetched</source>
        <translation>
            <numerusform>The %n row already fetched</numerusform>
            <numerusform>The %n rows already fetched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln row(s) to %1.</source>
        <translation>
            <numerusform>Exported %Ln row to %1.</numerusform>
            <numerusform>Exported %Ln rows to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>Imported %Ln row(s) into %1 in %2 s.</source>
        <translation>
            <numerusform>Imported %Ln row into %1 in %2 s.</numerusform>
            <numerusform>Imported %Ln rows into %1 in %2 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message numerus="yes">
        <source>A new table %1 with these %n column(s); names and types can be changed.</source>
        <translation>
            <numerusform>A new table %1 with this %n column; names and types can be changed.</numerusform>
            <numerusform>A new table %1 with these %n columns; names and types can be changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file&apos;s %n column(s) go to the columns of %1 shown.</source>
        <translation>
            <numerusform>The file&apos;s %n column goes to the column of %1 shown.</numerusform>
            <numerusform>The file&apos;s %n columns go to the columns of %1 shown.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportTask</name>
    <message numerus="yes">
        <source>line %1 has %n field(s), %2 were expected.</source>
        <translation>
            <numerusform>line %1 has %n field, %2 were expected.</numerusform>
            <numerusform>line %1 has %n fields, %2 were expected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n tab(s) have an open transaction.</source>
        <translation>
            <numerusform>%n tab has an open transaction.</numerusform>
            <numerusform>%n tabs have an open transaction.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s) failed; the window stays open.</source>
        <translation>
            <numerusform>%n commit failed; the window stays open.</numerusform>
            <numerusform>%n commits failed; the window stays open.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table tab(s) have changes not applied: %1.</source>
        <translation>
            <numerusform>%n table tab has changes not applied: %1.</numerusform>
            <numerusform>%n table tabs have changes not applied: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PgBouncerActions</name>
    <message numerus="yes">
        <source>%n client(s) connected now</source>
        <translation>
            <numerusform>%n client connected now</numerusform>
            <numerusform>%n clients connected now</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PgBouncerState</name>
    <message numerus="yes">
        <source>max_client_conn %1 (%n client(s) now); </source>
        <translation>
            <numerusform>max_client_conn %1 (%n client now); </numerusform>
            <numerusform>max_client_conn %1 (%n clients now); </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 mode; %n active client(s); </source>
        <translation>
            <numerusform>%1 mode; %n active client; </numerusform>
            <numerusform>%1 mode; %n active clients; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>up to %n server connection(s) </source>
        <translation>
            <numerusform>up to %n server connection </numerusform>
            <numerusform>up to %n server connections </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n database(s): pool_size and reserve_pool per user pool</source>
        <translation>
            <numerusform>for %n database: pool_size and reserve_pool per user pool</numerusform>
            <numerusform>for %n databases: pool_size and reserve_pool per user pool</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SchemaPanel</name>
    <message numerus="yes">
        <source>%n table(s) and view(s)</source>
        <translation>
            <numerusform>%n table or view</numerusform>
            <numerusform>%n tables and views</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerSessionsPanel</name>
    <message numerus="yes">
        <source>%n session(s), %1 suspect(s), read at %2</source>
        <translation>
            <numerusform>%n session, %1 suspect(s), read at %2</numerusform>
            <numerusform>%n sessions, %1 suspect(s), read at %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionTab</name>
    <message numerus="yes">
        <source>Ran %n statement(s).</source>
        <translation>
            <numerusform>Ran %n statement.</numerusform>
            <numerusform>Ran %n statements.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) in %1</source>
        <translation>
            <numerusform>%n row in %1</numerusform>
            <numerusform>%n rows in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) affected in %1</source>
        <translation>
            <numerusform>%n row affected in %1</numerusform>
            <numerusform>%n rows affected in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1; %n row(s) received</source>
        <translation>
            <numerusform>%1; %n row received</numerusform>
            <numerusform>%1; %n rows received</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableTab</name>
    <message numerus="yes">
        <source>Apply or discard the %n pending change(s) first: reading the rows again would drop them.</source>
        <translation>
            <numerusform>Apply or discard the %n pending change first: reading the rows again would drop it.</numerusform>
            <numerusform>Apply or discard the %n pending changes first: reading the rows again would drop them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Applying %n change(s)…</source>
        <translation>
            <numerusform>Applying %n change…</numerusform>
            <numerusform>Applying %n changes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Applied %n change(s); reading again…</source>
        <translation>
            <numerusform>Applied %n change; reading again…</numerusform>
            <numerusform>Applied %n changes; reading again…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n change(s) not applied.</source>
        <translation>
            <numerusform>%1 has %n change not applied.</numerusform>
            <numerusform>%1 has %n changes not applied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending change(s)</source>
        <translation>
            <numerusform>%n pending change</numerusform>
            <numerusform>%n pending changes</numerusform>
        </translation>
    </message>
</context>
</TS>
