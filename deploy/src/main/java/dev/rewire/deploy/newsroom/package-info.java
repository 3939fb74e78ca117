/**
 * The demo newsroom: a small local web server of fictional outlets whose pages look like real news sites
 * (navigation, cookie banners, share buttons, newsletter boxes, related-story lists, footers) and whose
 * articles include paraphrased rewrites, a syndicated copy and same-topic-but-different stories. It gives
 * {@code ./rewire demo} something to ingest that grows while one watches, and gives tests pages whose
 * expected boilerplate and expected story grouping are known exactly ({@link dev.rewire.deploy.newsroom.DemoArticle#storyKey()}).
 *
 * <p>Each outlet is its own site on its own port, with robots.txt, RSS and Atom feeds, sitemaps and ETags, so
 * the scraper's discovery and politeness run against it as against the web; a fault mode ({@code FaultLab})
 * adds a misbehaving outlet.
 *
 * <p>JDK only: the server is {@code com.sun.net.httpserver.HttpServer}; content lives in
 * {@code src/main/resources/newsroom/}.
 */
package dev.rewire.deploy.newsroom;
