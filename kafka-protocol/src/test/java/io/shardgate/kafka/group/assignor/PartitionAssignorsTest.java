package io.shardgate.kafka.group.assignor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionAssignorsTest {

    @Test
    void shouldFindTheAssignorsByTheirExactName() {
        assertThat(PartitionAssignors.byName("uniform")).containsInstanceOf(UniformAssignor.class);
        assertThat(PartitionAssignors.byName("range")).containsInstanceOf(RangeAssignor.class);
        assertThat(PartitionAssignors.byName("Uniform")).isEmpty();
        assertThat(PartitionAssignors.byName("sticky")).isEmpty();
        assertThat(PartitionAssignors.byName(null)).isEmpty();
    }

    @Test
    void shouldDefaultToUniformAsKafkaDoes() {
        assertThat(PartitionAssignors.DEFAULT_NAME).isEqualTo("uniform");
        assertThat(PartitionAssignors.defaultAssignor().name()).isEqualTo("uniform");
        assertThat(PartitionAssignors.names()).containsExactly("uniform", "range");
    }
}
