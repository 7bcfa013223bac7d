package network.peere.core.ports.out;

/** Cryptographically strong randomness for secrets and ids. The server passes a {@code SecureRandom}. */
@FunctionalInterface
public interface RandomSource {
    void nextBytes(byte[] into);

    default byte[] bytes(int count) {
        byte[] out = new byte[count];
        nextBytes(out);
        return out;
    }

    static RandomSource of(java.util.Random random) {
        return random::nextBytes;
    }
}
