/** What a run prints and writes: the summary table, the one-line JSON result, the SVG chart, the live progress line. */
@NullMarked
package io.bastionmq.bench.report;

import org.jspecify.annotations.NullMarked;
