package dev.catflap.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates catflap's command classes without their beans, for picocli's generators that run at
 * build time (shell completion, man page): they only read the model (the one {@link CommandModel}
 * builds, which picocli applies as CatflapCommand's model transformer), and outside Quarkus there
 * are no beans to inject. Never used when catflap runs.
 */
public class DescriptionFactory implements IFactory {
    private final IFactory plain = CommandLine.defaultFactory();

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        if (constructors.length == 1 && constructors[0].getParameterCount() > 0) {
            Constructor<?> injecting = constructors[0];
            injecting.setAccessible(true);
            // Constructor injection only stores the beans, so null stand-ins are never used.
            return type.cast(injecting.newInstance(new Object[injecting.getParameterCount()]));
        }
        return plain.create(type);
    }
}
