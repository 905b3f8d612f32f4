/**
 * Images: the registry a model pulls from ({@link dev.cnm.api.image.ImageCatalog} of {@link
 * dev.cnm.api.image.ImageInfo}), the images present in an engine ({@link
 * dev.cnm.api.image.Image}, with their {@link dev.cnm.api.image.ImageConfig}), references as
 * Docker parses them ({@link dev.cnm.api.image.ImageReference}), and the operations on them
 * ({@link dev.cnm.api.image.ImageService}: pull, inspect, tag, remove, build, history).
 */
package dev.cnm.api.image;
