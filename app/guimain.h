#pragma once

// The desktop application: `poolscope [--demo] [--bind NAME=URL]... [--config FILE]`.
int runGui(int argc, char *argv[]);
