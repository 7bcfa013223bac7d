package network.peere.core.ports.out;

/** Application-generated ids: {@code <prefix>_<26 characters>}, unique, roughly time-ordered for index locality. */
@FunctionalInterface
public interface IdGenerator {
    String newId(String prefix);
}
