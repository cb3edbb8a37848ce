package dev.bulwark.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code redis-cluster://} seed lists: validated node by node, credentials carried, never shown. */
class RedisUrisClusterTest {

    @Test
    void seedsCarryTheCredentialsAndAreNamedWithoutThem() {
        List<RedisURI> seeds = RedisUris.parseCluster("redis-cluster://bob:s3cret@127.0.0.1:7000, 127.0.0.1:7001/");
        assertThat(seeds).extracting(RedisUris::where).containsExactly("127.0.0.1:7000", "127.0.0.1:7001");
        assertThat(seeds).allSatisfy(u -> {
            assertThat(u.getUsername()).isEqualTo("bob");
            assertThat(new String(u.getPassword())).isEqualTo("s3cret");
        });
        assertThat(RedisUris.isCluster(" REDIS-CLUSTER://h:1")).isTrue();
        assertThat(RedisUris.isCluster("redis://h:1")).isFalse();
        RedisUris.check("redis-cluster://h:1");
        RedisUris.check("redis://h:1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "redis-cluster://bob:s3cret@127.0.0.1:7000,127.0.0.1:nope | node '127.0.0.1:nope': the port 'nope' is not a number from 1 to 65535",
            "redis-cluster://bob:s3cret@127.0.0.1:7000,,127.0.0.1:7001 | an empty node in the list",
            "redis-cluster://bob:s3cret@ | no node",
            "redis-cluster://bob:s3cret@127.0.0.1:7000/0 | a cluster has no database number or options"})
    void badSeedListsAreOneLineWithoutThePassword(String uri, String why) {
        assertThatThrownBy(() -> RedisUris.check(uri)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Redis URI '" + uri.replace("bob:s3cret@", "***@") + "': ")
                .hasMessageContaining(why).hasMessageNotContaining("s3cret");
    }

    @Test
    void theGatewaysServerUrisStillRefuseAClusterScheme() {
        assertThatThrownBy(() -> RedisUris.parse("redis-cluster://127.0.0.1:7000"))
                .hasMessageEndingWith("expected redis://host:port, rediss://host:port or redis-socket:///path");
    }
}
