/**
 * The classic builder's Dockerfile front end: the parser ({@link
 * dev.cnm.core.internal.build.DockerfileParser}), the instructions ({@link
 * dev.cnm.core.internal.build.Instructions}) and the word processing with variable substitution
 * ({@link dev.cnm.core.internal.build.ShellLex}). Not API.
 */
package dev.cnm.core.internal.build;
