#pragma once

// The desktop application: `poolscope [--demo] [--bind NAME=URL]... [--config FILE]`.
// It lives in the module poolscope-gui.so, which the command loads only when it
// opens the window (GuiLoader), so that a command never maps the GUI's libraries.
extern "C" __attribute__((visibility("default"))) int poolscope_run_gui(int argc, char *argv[]);
