/**
 * Images as the model sees them: a reference, exposed ports and environment ({@link
 * dev.cnm.api.image.ImageInfo}), looked up in an {@link dev.cnm.api.image.ImageCatalog}.
 */
package dev.cnm.api.image;
