package dev.bulwark.scan.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Which entry of an OCI index is read (pure logic over index documents shaped as BuildKit and skopeo write them):
 * this machine's platform in a multi-platform index, never an attestation, or the tag asked for.
 */
class OciIndexChoiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A BuildKit-style multi-platform index: arm64 first, then amd64, then an attestation for amd64. */
    private static final String MULTI = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:aa","size":1,
              "platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:bb","size":1,
              "platform":{"architecture":"amd64","os":"linux"}},
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:cc","size":1,
              "annotations":{"vnd.docker.reference.digest":"sha256:bb","vnd.docker.reference.type":"attestation-manifest"},
              "platform":{"architecture":"unknown","os":"unknown"}}]}""";

    private static String chosen(String index, String wanted) throws Exception {
        JsonNode m = ImageArchiveReader.chooseManifest(JSON.readTree(index).get("manifests"), wanted);
        return m == null ? null : m.get("digest").asText();
    }

    @Test
    void thisMachinesPlatformIsReadNeverAnAttestation() throws Exception {
        String arch = System.getProperty("os.arch");
        String expected = arch.equals("aarch64") ? "sha256:aa" : arch.equals("amd64") ? "sha256:bb" : "sha256:aa";
        assertThat(chosen(MULTI, null)).isEqualTo(expected);
        // Only an attestation and an image for another platform: the image, still never the attestation.
        assertThat(chosen(MULTI.replace("\"amd64\",\"os\":\"linux\"", "\"s390x\",\"os\":\"linux\""), null))
                .isIn("sha256:aa", "sha256:bb");
    }

    @Test
    void theTagAskedForIsReadWhateverItsPlace() throws Exception {
        String skopeo = """
                {"schemaVersion":2,"manifests":[
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:11","size":1,
                  "annotations":{"org.opencontainers.image.ref.name":"1.0"}},
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:22","size":1,
                  "annotations":{"org.opencontainers.image.ref.name":"2.0"}}]}""";
        assertThat(chosen(skopeo, null)).isEqualTo("sha256:11");
        assertThat(chosen(skopeo, "2.0")).isEqualTo("sha256:22");
        assertThat(chosen(skopeo, "shop/api:2.0")).isEqualTo("sha256:22");
        assertThat(chosen(skopeo, "sha256:22")).isEqualTo("sha256:22");
        assertThat(chosen("{\"manifests\":[]}", null)).isNull();
    }
}
