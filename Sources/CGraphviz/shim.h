#ifndef DIPLOGRAPH_CGRAPHVIZ_SHIM_H
#define DIPLOGRAPH_CGRAPHVIZ_SHIM_H

// The whole of what Diplograph takes from Graphviz: the layout/render context (gvc)
// and the graph library (cgraph). Graphs are built by parsing DOT text with
// agmemread, so no mutable C globals such as Agdirected are touched from Swift.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

#endif
