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
</TS>
