/**
 * What a build is given: build contexts read from the tar archive the Engine API receives or
 * from a directory ({@link dev.cnm.core.image.BuildContexts}), and {@code .dockerignore}
 * ({@link dev.cnm.core.image.DockerIgnore}).
 */
package dev.cnm.core.image;
