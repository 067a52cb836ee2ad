package io.newsflow.bench.pipeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Publish-to-visible latency against offered load: one panel per way in (straight to the topic, through HTTP),
 * p50 and p99 of at-least-once and exactly-once, both axes logarithmic, with Kafka's own end-to-end p99 and the two
 * goals drawn as horizontal lines.
 */
final class LatencyChart {

    private static final int PANEL_WIDTH = 660;
    private static final int HEIGHT = 480;
    private static final double FLOOR_MS = 0.1;

    /** One latency cell's result. */
    record Point(String guarantee, Cell.Entry entry, int rate, double p50Ms, double p99Ms, boolean sustained) {
    }

    private LatencyChart() {
    }

    static void write(List<Point> points, double rawP99Ms, int commitIntervalMs, String subtitle, Path png) throws IOException {
        List<Cell.Entry> panels = points.stream().map(Point::entry).distinct().toList();
        int width = Math.max(1, panels.size()) * PANEL_WIDTH;
        BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, HEIGHT);
        for (int i = 0; i < panels.size(); i++) {
            Cell.Entry entry = panels.get(i);
            JFreeChart chart = panel(points.stream().filter(p -> p.entry() == entry).toList(), entry, rawP99Ms, commitIntervalMs);
            chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
            chart.draw(g, new Rectangle(i * PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT));
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    private static JFreeChart panel(List<Point> points, Cell.Entry entry, double rawP99Ms, int commitIntervalMs) {
        XYSeriesCollection data = new XYSeriesCollection();
        String[] guarantees = points.stream().map(Point::guarantee).distinct().toArray(String[]::new);
        for (String guarantee : guarantees) {
            XYSeries p50 = new XYSeries(short_(guarantee) + " p50");
            XYSeries p99 = new XYSeries(short_(guarantee) + " p99");
            for (Point p : points) {
                if (p.guarantee().equals(guarantee)) {
                    p50.add(p.rate(), Math.max(FLOOR_MS, p.p50Ms()));
                    p99.add(p.rate(), Math.max(FLOOR_MS, p.p99Ms()));
                }
            }
            data.addSeries(p50);
            data.addSeries(p99);
        }
        LogAxis load = new LogAxis("offered load (stories/s)");
        load.setBase(10);
        load.setTickUnit(new NumberTickUnit(1));
        load.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
        load.setSmallestValue(50);
        load.setRange(50, 8_000);
        LogAxis latency = new LogAxis("publish → visible in feed (ms)");
        latency.setBase(10);
        latency.setSmallestValue(FLOOR_MS);
        latency.setTickUnit(new NumberTickUnit(1));
        latency.setMinorTickCount(9);
        latency.setMinorTickMarksVisible(true);
        latency.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#"));
        // Room for the data and for the reference lines, which do not widen the axis by themselves.
        double low = points.stream().mapToDouble(p -> Math.max(FLOOR_MS, p.p50Ms())).min().orElse(1);
        double high = points.stream().mapToDouble(p -> Math.max(FLOOR_MS, p.p99Ms())).max().orElse(100);
        if (rawP99Ms > 0) {
            low = Math.min(low, rawP99Ms);
            high = Math.max(high, commitIntervalMs + 3 * rawP99Ms);
        }
        latency.setRange(Math.max(FLOOR_MS, low / 2), high * 2);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Color[] colours = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};
        for (int s = 0; s < data.getSeriesCount(); s++) {
            Color colour = colours[(s / 2) % colours.length];
            renderer.setSeriesPaint(s, colour);
            renderer.setSeriesStroke(s, s % 2 == 0
                ? new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {5f, 4f}, 0f)
                : new BasicStroke(2.4f));
        }
        XYPlot plot = new XYPlot(data, load, latency, renderer);
        for (Point p : points) {
            if (!p.sustained()) {
                org.jfree.chart.annotations.XYTextAnnotation note = new org.jfree.chart.annotations.XYTextAnnotation("not sustained",
                    p.rate(), Math.max(FLOOR_MS, p.p99Ms()) * 1.25);
                note.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 10));
                note.setPaint(Color.GRAY);
                plot.addAnnotation(note);
            }
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        if (rawP99Ms > 0) {
            plot.addRangeMarker(marker(rawP99Ms, "Kafka EndToEndLatency p99 " + format(rawP99Ms) + " ms", Color.DARK_GRAY));
            plot.addRangeMarker(marker(3 * rawP99Ms, "goal at-least-once: 3 × raw p99", new Color(0x1f77b4)));
            plot.addRangeMarker(marker(commitIntervalMs + 3 * rawP99Ms,
                "goal exactly-once: " + commitIntervalMs + " ms commit + 3 × raw", new Color(0xd62728)));
        }
        JFreeChart chart = new JFreeChart("Latency, stories in via " + (entry == Cell.Entry.DIRECT ? "the topic (producer)"
            : entry == Cell.Entry.HTTP ? "HTTP (POST /articles)" : "HTTP batches"),
            new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static ValueMarker marker(double value, String label, Color colour) {
        ValueMarker marker = new ValueMarker(value, colour, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
            new float[] {2f, 3f}, 0f));
        marker.setLabel(label);
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        marker.setLabelPaint(colour);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return marker;
    }

    private static String short_(String guarantee) {
        return guarantee.equals("exactly_once_v2") ? "exactly-once" : guarantee.equals("at_least_once") ? "at-least-once" : guarantee;
    }

    private static String format(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.1f" : "%.0f", ms);
    }
}
