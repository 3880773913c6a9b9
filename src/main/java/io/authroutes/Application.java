package io.authroutes;
public class Application { public static void main(String[] a) {} }
