package network.peere.http.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import network.peere.http.support.Access;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.Problems;

/** Health, metrics and the API contract: no key needed, so load balancers and newcomers can reach them. */
public final class SystemRoutes {
    private static final String SWAGGER_UI_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final BooleanSupplier ready;
    private final PrometheusMeterRegistry metrics;
    private final byte[] openApiYaml;
    private final String docsPage;

    public SystemRoutes(BooleanSupplier ready, PrometheusMeterRegistry metrics, byte[] openApiYaml) {
        this.ready = ready;
        this.metrics = metrics;
        this.openApiYaml = openApiYaml.clone();
        this.docsPage = docsPage(swaggerUiVersion());
    }

    public void register(RoutesConfig routes) {
        routes.get("/health/live", ctx -> ctx.json(Map.of("status", "up")), Access.PUBLIC);
        routes.get("/health/ready", this::ready, Access.PUBLIC);
        routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.scrape()),
                Access.PUBLIC);
        routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApiYaml), Access.PUBLIC);
        routes.get("/docs", ctx -> ctx.html(docsPage), Access.PUBLIC);
    }

    private void ready(Context ctx) {
        if (ready.getAsBoolean()) {
            ctx.json(Map.of("status", "ready", "database", "up"));
        } else {
            Problems.write(ctx, ErrorCode.NOT_READY, "The database is not reachable.");
        }
    }

    private static String swaggerUiVersion() {
        try (InputStream in = SystemRoutes.class.getResourceAsStream(SWAGGER_UI_POM)) {
            if (in == null) {
                throw new IllegalStateException("swagger-ui webjar missing from the classpath");
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the swagger-ui webjar version", e);
        }
    }

    private static String docsPage(String version) {
        String base = "/webjars/swagger-ui/" + version + "/";
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Peere API</title>
                  <link rel="stylesheet" href="%sswagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%sswagger-ui-bundle.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({ url: "/openapi.yaml", dom_id: "#swagger-ui" });
                  </script>
                </body>
                </html>
                """.formatted(base, base);
    }
}
