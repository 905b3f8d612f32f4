package dev.cnm.cli;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code cnm} command: Docker's commands over cnm's model, with the state kept on disk.
 *
 * <pre>{@code
 * $ cnm network create dev
 * $ cnm run -d --name search --net dev elasticsearch
 * $ cnm tutorial
 * }</pre>
 */
public final class Main {
  private Main() {}

  /**
   * Runs one command and exits with docker's exit code.
   *
   * @param args the command line, without the program name
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int rc;
    try {
      rc = new Cli(System.getenv(), out, err).run(Arrays.asList(args));
    } finally {
      out.flush();
    }
    System.exit(rc);
  }
}
