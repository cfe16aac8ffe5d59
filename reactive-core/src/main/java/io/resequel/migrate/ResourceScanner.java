package io.resequel.migrate;

import io.resequel.error.MigrationException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Reads migrations from a folder or a class path location (blocking I/O: called off the event loops). */
final class ResourceScanner {

    static final String UP = ".up.sql";
    static final String DOWN = ".down.sql";

    private ResourceScanner() {
    }

    static List<Migration> folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String f = p.getFileName().toString();
                if (f.endsWith(UP) || f.endsWith(DOWN)) {
                    files.put(f, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new MigrationException("RSQ-954 cannot read the migrations folder " + dir + ": " + e.getMessage(), e);
        }
        return pairs(files, dir.toString());
    }

    static List<Migration> classpath(String location, ClassLoader loader) {
        String dir = location.replaceAll("^classpath:", "").replaceAll("^/+|/+$", "");
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(dir);
            for (URL root : Collections.list(roots)) {
                names.addAll(list(root, dir));
            }
        } catch (IOException | URISyntaxException e) {
            throw new MigrationException("RSQ-954 cannot scan the class path location " + dir + ": "
                    + e.getMessage(), e);
        }
        Map<String, String> files = new TreeMap<>();
        List<Migration> out = new ArrayList<>();
        for (String n : names) {
            if (n.endsWith(UP) || n.endsWith(DOWN)) {
                files.put(n, read(loader, dir + "/" + n));
            } else if (n.endsWith(".class") && !n.contains("$")) {
                String cls = (dir + "/" + n.substring(0, n.length() - ".class".length())).replace('/', '.');
                Migration m = instantiate(loader, cls);
                if (m != null) {
                    out.add(m);
                }
            }
        }
        out.addAll(pairs(files, "classpath:" + dir));
        return out;
    }

    private static List<String> list(URL root, String dir) throws IOException, URISyntaxException {
        List<String> out = new ArrayList<>();
        if (root.getProtocol().equals("file")) {
            try (Stream<Path> s = Files.list(Path.of(root.toURI()))) {
                s.filter(Files::isRegularFile).forEach(p -> out.add(p.getFileName().toString()));
            }
        } else if (root.getProtocol().equals("jar")) {
            JarURLConnection c = (JarURLConnection) root.openConnection();
            c.setUseCaches(false);
            try (JarFile jar = c.getJarFile()) {
                String prefix = dir + "/";
                for (JarEntry e : Collections.list(jar.entries())) {
                    String n = e.getName();
                    if (n.startsWith(prefix) && !e.isDirectory() && n.indexOf('/', prefix.length()) < 0) {
                        out.add(n.substring(prefix.length()));
                    }
                }
            }
        }
        return out;
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MigrationException("RSQ-954 class path resource " + resource + " vanished while scanning");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException("RSQ-954 cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** @return the migration, or {@code null} for a class that is not one (helpers may live next to migrations) */
    private static Migration instantiate(ClassLoader loader, String cls) {
        Class<?> c;
        try {
            c = Class.forName(cls, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (!Migration.class.isAssignableFrom(c) || c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            return null;
        }
        try {
            Constructor<?> k = c.getDeclaredConstructor();
            k.setAccessible(true);
            return (Migration) k.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MigrationException("RSQ-955 migration class " + cls
                    + " needs a no-argument constructor that works: " + e, e);
        }
    }

    /** Pairs NAME.up.sql with NAME.down.sql; a down file alone is a mistake worth naming. */
    private static List<Migration> pairs(Map<String, String> files, String where) {
        List<Migration> out = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String file = f.getKey();
            if (file.endsWith(UP)) {
                String name = file.substring(0, file.length() - UP.length());
                out.add(new SqlMigration(name, f.getValue(), files.get(name + DOWN)));
            } else if (!files.containsKey(file.substring(0, file.length() - DOWN.length()) + UP)) {
                throw new MigrationException("RSQ-956 " + where + "/" + file + " has no matching " + UP
                        + " file: a migration needs an up script");
            }
        }
        return out;
    }
}
