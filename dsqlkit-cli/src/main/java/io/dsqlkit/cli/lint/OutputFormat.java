package io.dsqlkit.cli.lint;

import java.util.Locale;
import java.util.function.Function;

/** The {@code --format} values. */
enum OutputFormat {
    TEXT(TextRenderer::new),
    JSON(JsonRenderer::new),
    SARIF(SarifRenderer::new),
    GITHUB(GithubRenderer::new);

    private final Function<RenderContext, Renderer> factory;

    OutputFormat(Function<RenderContext, Renderer> factory) {
        this.factory = factory;
    }

    Renderer renderer(RenderContext ctx) {
        return factory.apply(ctx);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
