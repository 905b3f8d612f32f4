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
    if (args.length >= 2 && args[0].equals(ResidentServer.COMMAND)) {
      System.exit(ResidentServer.run(java.nio.file.Path.of(args[1]), System.getenv(), System.err));
    }
    if (args.length >= 3 && args[0].equals(ResidentClient.COMMAND)) {
      ResidentClient.main(Arrays.asList(args).subList(1, args.length));
    }
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
