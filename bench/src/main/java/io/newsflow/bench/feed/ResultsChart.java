package io.newsflow.bench.feed;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Draws throughput and p99 latency of every variant, URL and connection count side by side into one PNG. */
final class ResultsChart {

    private static final int PANEL_WIDTH = 640;
    private static final int HEIGHT = 420;

    private ResultsChart() {
    }

    static void write(List<FeedHttpBenchmark.Measurement> measurements, String subtitle, Path png) throws IOException {
        DefaultCategoryDataset throughput = new DefaultCategoryDataset();
        DefaultCategoryDataset p99 = new DefaultCategoryDataset();
        for (FeedHttpBenchmark.Measurement m : measurements) {
            String category = m.query() + ", " + m.connections() + " conn";
            throughput.addValue(m.result().requestsPerSecond(), m.variant(), category);
            p99.addValue(m.result().p99Ms(), m.variant(), category);
        }
        JFreeChart left = bars("Throughput (higher is better)", "requests/s", throughput);
        JFreeChart right = bars("p99 latency (lower is better; target 5 ms)", "ms", p99);
        left.addSubtitle(new org.jfree.chart.title.TextTitle(subtitle));
        right.addSubtitle(new org.jfree.chart.title.TextTitle("GET /feed?limit=50 and /feed?entity=…&limit=50, wrk"));

        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        left.draw(g, new java.awt.Rectangle(0, 0, PANEL_WIDTH, HEIGHT));
        right.draw(g, new java.awt.Rectangle(PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT));
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static JFreeChart bars(String title, String unit, DefaultCategoryDataset data) {
        JFreeChart chart = ChartFactory.createBarChart(title, null, unit, data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesPaint(1, new Color(0xd62728));
        renderer.setSeriesPaint(2, new Color(0x2ca02c));
        renderer.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator("{2}",
            new java.text.DecimalFormat("#,##0.#")));
        renderer.setDefaultItemLabelsVisible(true);
        return chart;
    }
}
